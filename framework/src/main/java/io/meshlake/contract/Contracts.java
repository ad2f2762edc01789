package io.meshlake.contract;

import io.meshlake.config.ClasspathResources;
import io.meshlake.config.DefinitionException;
import io.meshlake.config.YamlFiles;
import java.util.Optional;

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
    return find(domain, product).orElseThrow(() -> new DefinitionException(resource, 0, "gold product " + domain
        + "_gold." + product + " has no contract: write domains/" + domain + "/src/main/resources/" + resource
        + " (see the README, \"Data products\")"));
  }

  /**
   * The contract of a product, if its domain module has one.
   *
   * @throws DefinitionException as {@link #load}, for a contract that is there but wrong
   */
  public static Optional<Contract> find(String domain, String product) {
    String resource = resource(domain, product);
    Optional<Contract> contract = ClasspathResources.read(resource, in -> YamlFiles.read(resource, in, Contract.class));
    contract.filter(c -> !c.product().equals(product) || !c.domain().equals(domain)).ifPresent(c -> {
      throw new DefinitionException(resource, 0, "the contract describes " + c.domain() + "/" + c.product()
          + " but sits where " + domain + "/" + product + "'s contract belongs");
    });
    return contract;
  }
}
