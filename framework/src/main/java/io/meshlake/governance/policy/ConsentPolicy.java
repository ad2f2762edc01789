package io.meshlake.governance.policy;

import io.meshlake.governance.ConsentModel;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Consent ({@code consent.yaml}): what no decision means, the purposes and which need consent, and where
 * decisions come from.
 *
 * @param model what no decision means (default opt-out)
 * @param purposes every purpose a contract or consumer class may name
 * @param sources tables of decisions; one not created yet holds none
 */
public record ConsentPolicy(ConsentModel model, List<Purpose> purposes, List<ConsentSource> sources) {
  public ConsentPolicy {
    model = model == null ? ConsentModel.OPT_OUT : model;
    if (purposes == null || purposes.isEmpty()) {
      throw new IllegalArgumentException("no purposes: list the purposes products and consumer classes serve, e.g."
          + " - {name: research, consent: true, description: ...}");
    }
    Set<String> names = new HashSet<>();
    for (Purpose p : purposes) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("purpose " + p.name() + " is listed twice");
      }
    }
    purposes = List.copyOf(purposes);
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  /** The purpose with this name, if listed. */
  public Optional<Purpose> purpose(String name) {
    return purposes.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Whether a purpose needs consent; unknown purposes do not (validate reports them). */
  public boolean needsConsent(String purpose) {
    return purpose(purpose).map(Purpose::consent).orElse(false);
  }

  /** The purposes' names, for messages. */
  public List<String> purposeNames() {
    return purposes.stream().map(Purpose::name).toList();
  }
}
