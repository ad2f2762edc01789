package io.meshlake.jobs.generate;

/** Massachusetts towns (Synthea's default state) with county, ZIP code and coordinates. */
final class PlaceCatalog {

  /** A town: name, county, ZIP code and approximate latitude/longitude in micro-degrees. */
  record Town(String name, String county, String zip, long latMicros, long lonMicros) {}

  static final String STATE = "Massachusetts";
  static final String STATE_CODE = "MA";

  static final Town[] TOWNS = {
    new Town("Boston", "Suffolk County", "02108", 42_360_082, -71_058_880),
    new Town("Somerville", "Middlesex County", "02143", 42_387_597, -71_099_497),
    new Town("Cambridge", "Middlesex County", "02138", 42_373_616, -71_109_734),
    new Town("Worcester", "Worcester County", "01608", 42_262_593, -71_802_293),
    new Town("Springfield", "Hampden County", "01103", 42_101_483, -72_589_811),
    new Town("Lowell", "Middlesex County", "01852", 42_633_425, -71_316_172),
    new Town("Brockton", "Plymouth County", "02301", 42_083_433, -71_018_379),
    new Town("Quincy", "Norfolk County", "02169", 42_252_877, -71_002_270),
    new Town("Lynn", "Essex County", "01901", 42_466_763, -70_949_494),
    new Town("New Bedford", "Bristol County", "02740", 41_636_215, -70_934_205),
    new Town("Fall River", "Bristol County", "02720", 41_701_491, -71_155_045),
    new Town("Newton", "Middlesex County", "02458", 42_337_041, -71_209_221),
    new Town("Lawrence", "Essex County", "01840", 42_707_035, -71_163_114),
    new Town("Framingham", "Middlesex County", "01701", 42_279_286, -71_416_172),
    new Town("Haverhill", "Essex County", "01830", 42_776_202, -71_077_278),
    new Town("Waltham", "Middlesex County", "02451", 42_376_485, -71_235_611),
    new Town("Malden", "Middlesex County", "02148", 42_425_096, -71_066_163),
    new Town("Medford", "Middlesex County", "02155", 42_418_430, -71_106_164),
    new Town("Taunton", "Bristol County", "02780", 41_900_101, -71_089_768),
    new Town("Chicopee", "Hampden County", "01013", 42_148_704, -72_607_867),
    new Town("Weymouth", "Norfolk County", "02188", 42_220_927, -70_939_883),
    new Town("Revere", "Suffolk County", "02151", 42_408_430, -71_011_995),
    new Town("Peabody", "Essex County", "01960", 42_527_873, -70_928_661),
    new Town("Methuen", "Essex County", "01844", 42_726_202, -71_190_892),
    new Town("Barnstable", "Barnstable County", "02630", 41_700_329, -70_299_962),
    new Town("Pittsfield", "Berkshire County", "01201", 42_450_084, -73_245_382),
    new Town("Attleboro", "Bristol County", "02703", 41_944_544, -71_285_610),
    new Town("Arlington", "Middlesex County", "02474", 42_415_373, -71_156_446),
    new Town("Salem", "Essex County", "01970", 42_519_540, -70_896_716),
    new Town("Westfield", "Hampden County", "01085", 42_125_093, -72_749_538),
    new Town("Leominster", "Worcester County", "01453", 42_525_094, -71_759_794),
    new Town("Fitchburg", "Worcester County", "01420", 42_583_423, -71_802_297),
    new Town("Beverly", "Essex County", "01915", 42_558_428, -70_880_049),
    new Town("Holyoke", "Hampden County", "01040", 42_204_258, -72_616_200),
    new Town("Marlborough", "Middlesex County", "01752", 42_345_927, -71_552_287),
    new Town("Woburn", "Middlesex County", "01801", 42_479_262, -71_152_274),
    new Town("Chelsea", "Suffolk County", "02150", 42_391_763, -71_032_725),
    new Town("Northampton", "Hampshire County", "01060", 42_325_089, -72_641_201),
    new Town("Greenfield", "Franklin County", "01301", 42_587_591, -72_599_533),
    new Town("Newburyport", "Essex County", "01950", 42_812_594, -70_877_286),
    new Town("Mashpee", "Barnstable County", "02649", 41_648_166, -70_481_982),
    new Town("Orleans", "Barnstable County", "02653", 41_789_836, -69_989_740),
    new Town("Duxbury", "Plymouth County", "02332", 42_041_784, -70_672_254),
    new Town("Plymouth", "Plymouth County", "02360", 41_958_436, -70_667_264),
    new Town("Winchester", "Middlesex County", "01890", 42_452_318, -71_137_283),
    new Town("Southbridge", "Worcester County", "01550", 42_075_099, -72_033_406),
    new Town("Nantucket", "Nantucket County", "02554", 41_283_459, -70_099_451),
    new Town("Edgartown", "Dukes County", "02539", 41_388_993, -70_513_624)
  };

  private PlaceCatalog() {}
}
