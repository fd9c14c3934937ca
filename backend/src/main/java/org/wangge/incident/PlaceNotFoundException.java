package org.wangge.incident;

import java.util.List;
import org.wangge.address.AddressMatch;

/** The report's address text matched no standard address, or several: answered with 422. */
class PlaceNotFoundException extends RuntimeException {

  private final transient List<AddressMatch> candidates;

  PlaceNotFoundException(String message, List<AddressMatch> candidates) {
    super(message);
    this.candidates = List.copyOf(candidates);
  }

  List<AddressMatch> candidates() {
    return candidates;
  }
}
