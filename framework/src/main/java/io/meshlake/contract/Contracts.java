package io.meshlake.contract;

import io.meshlake.config.ClasspathResources;
import io.meshlake.config.DefinitionException;
import io.meshlake.config.YamlFiles;

/** Finds and reads the contract of a gold data product, kept beside its domain's code. */
public final class Contracts {
  private Contracts() {}

  /** The classpath resource of a product's contract. */
  public static String resource(String domain, String product) {
    return "meshlake/" + domain + "/contracts/" + product + ".yaml";
  }

  /**
   * Reads {@code meshlake/<domain>/contracts/<product>.yaml} from the classpath and checks that it
   * describes that product of that domain.
   *
   * @throws DefinitionException naming the file, the line and the fix
   */
  public static Contract load(String domain, String product) {
    String resource = resource(domain, product);
    Contract contract = ClasspathResources.read(resource, in -> YamlFiles.read(resource, in, Contract.class))
        .orElseThrow(() -> new DefinitionException(resource, 0, "gold product " + domain + "_gold." + product
            + " has no contract: write domains/" + domain + "/src/main/resources/" + resource
            + " (see the README, \"Data products\")"));
    if (!contract.product().equals(product) || !contract.domain().equals(domain)) {
      throw new DefinitionException(resource, 0, "the contract describes " + contract.domain() + "/"
          + contract.product() + " but sits where " + domain + "/" + product + "'s contract belongs");
    }
    return contract;
  }
}
