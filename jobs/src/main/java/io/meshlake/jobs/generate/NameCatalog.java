package io.meshlake.jobs.generate;

/**
 * Given names, family names and street vocabulary for synthetic people and addresses. Synthea
 * appends a number to names ({@code Maynard46 Mosciski958}); callers do the same.
 */
final class NameCatalog {

  static final String[] MALE_FIRST = {
    "Maynard", "Curt", "Gene", "Víctor", "James", "John", "Robert", "Michael", "William", "David",
    "Richard", "Joseph", "Thomas", "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark",
    "Donald", "Steven", "Paul", "Andrew", "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy",
    "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan",
    "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Alexander",
    "Frank", "Patrick", "Raymond", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "José", "Adam",
    "Henry", "Nathan", "Douglas", "Zachary", "Peter", "Kyle", "Ethan", "Walter", "Noah", "Jeremy",
    "Christian", "Keith", "Roger", "Terry", "Austin", "Sean", "Gerald", "Carl", "Harold", "Dylan",
    "Arthur", "Lawrence", "Jordan", "Jesse", "Bryan", "Billy", "Bruce", "Gabriel", "Joe", "Logan",
    "Alan", "Juan", "Albert", "Willie", "Elijah", "Wayne", "Randy", "Vincent", "Mason", "Roy",
    "Ralph", "Bobby", "Russell", "Bradley", "Philip", "Eugene", "Burt", "Octavio", "Jerold", "Kieth"
  };

  static final String[] FEMALE_FIRST = {
    "Gail", "Mavis", "Jackie", "Ludivina", "Jodie", "Hana", "Candy", "Mary", "Patricia", "Jennifer",
    "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa", "Nancy", "Betty",
    "Sandra", "Margaret", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol", "Amanda",
    "Melissa", "Deborah", "Stephanie", "Dorothy", "Rebecca", "Sharon", "Laura", "Cynthia", "Amy",
    "Kathleen", "Angela", "Shirley", "Brenda", "Emma", "Anna", "Pamela", "Nicole", "Samantha",
    "Katherine", "Christine", "Helen", "Debra", "Rachel", "Carolyn", "Janet", "Maria", "Catherine",
    "Heather", "Diane", "Olivia", "Julie", "Joyce", "Victoria", "Ruth", "Virginia", "Lauren",
    "Kelly", "Christina", "Joan", "Evelyn", "Judith", "Andrea", "Hannah", "Megan", "Cheryl",
    "Jacqueline", "Martha", "Madison", "Teresa", "Gloria", "Sara", "Janice", "Ann", "Kathryn",
    "Abigail", "Sophia", "Frances", "Jean", "Alice", "Judy", "Isabella", "Julia", "Grace", "Amber",
    "Denise", "Danielle", "Marilyn", "Beverly", "Charlotte", "Natalie", "Theresa", "Diana",
    "Brittany", "Doris", "Kayla", "Alexis", "Lori", "Sofía", "Chloé", "Marisol", "Yolanda", "Ines"
  };

  static final String[] LAST = {
    "Mosciski", "Schmidt", "Okuneva", "Mann", "Buckridge", "Steuber", "Noriega", "Carter",
    "Wintheiser", "Quigley", "Spencer", "Schaefer", "Ratke", "Lebsack", "Schaden", "Heathcote",
    "Conroy", "Windler", "Nikolaus", "Kemmer", "Labadie", "Stamm", "Daniel", "Bode", "Bogan",
    "Kuhlman", "Rempel", "Hackett", "Kovacek", "Lind", "Runolfsdottir", "Gutmann", "Pfannerstill",
    "Rath", "Mraz", "Veum", "Lesch", "Abernathy", "Hermiston", "Kunze", "Torphy", "Fadel", "Hilll",
    "Zieme", "Wuckert", "Lowe", "Ebert", "Jacobs", "Koepp", "Schiller", "Kutch", "Walker", "Smith",
    "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin",
    "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
    "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
    "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Roberts", "Gomez",
    "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart",
    "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
    "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
    "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
    "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez"
  };

  static final String[] STREET_NAMES = {
    "Stamm", "Kemmer", "Labadie", "Daniel", "Hackett", "Bode", "Rempel", "Lind", "Gutmann", "Veum",
    "Lesch", "Kunze", "Torphy", "Fadel", "Zieme", "Ebert", "Koepp", "Kutch", "Schiller", "Jacobs",
    "Maple", "Oak", "Pine", "Cedar", "Elm", "Walnut", "Chestnut", "Willow", "Birch", "Spruce",
    "Washington", "Lincoln", "Adams", "Jefferson", "Madison", "Franklin", "Harbor", "Mill", "River",
    "Lake", "Hill", "Park", "Church", "School", "Pleasant", "Prospect", "Summer", "Winter", "Spring"
  };

  static final String[] STREET_SUFFIXES = {
    "Lock", "Neck", "Underpass", "Union", "Street", "Avenue", "Road", "Lane", "Drive", "Court",
    "Way", "Place", "Boulevard", "Terrace", "Crossing", "Ridge", "Trail", "Gateway", "Mill", "Run"
  };

  static final String[] UNIT_PREFIXES = {"Unit", "Apt", "Suite"};

  /** Upper-case street names for organization addresses. */
  static final String[] ORG_STREETS = {
    "PARK STREET", "CAMBRIDGE STREET", "LOCUST STREET", "HIGH STREET", "SOUTH STREET",
    "HIGHLAND AVENUE", "HERRICK STREET", "WARREN AVE", "MAIN ST", "NEW STATE HWY", "BOSTON RD",
    "WASHINGTON STREET", "CENTRAL STREET", "ELM STREET", "PLEASANT STREET", "UNION AVENUE",
    "MEMORIAL DRIVE", "LINCOLN STREET", "SUMMER STREET", "WATER STREET"
  };

  private NameCatalog() {}
}
