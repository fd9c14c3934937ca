package org.wangge.address;

import java.util.List;

/**
 * What an address text resolves to.
 *
 * @param status {@link Status#MATCH}: exactly one standard address fits (it is the only candidate);
 *     {@link Status#AMBIGUOUS}: several fit equally well or the text is not specific enough
 *     (candidates best first, then by code); {@link Status#NONE}: nothing fits (no candidates)
 * @param candidates never null
 */
public record GeocodeResult(Status status, List<AddressMatch> candidates) {

  /** How many standard addresses the text identifies. */
  public enum Status {
    MATCH,
    AMBIGUOUS,
    NONE
  }

  public GeocodeResult {
    candidates = List.copyOf(candidates);
  }

  static final GeocodeResult NONE = new GeocodeResult(Status.NONE, List.of());
}
