package org.wangge.incident;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wangge.responsibility.ResponsibilityListChanged;

/**
 * Reloads the {@link CategoryCatalogue} when the responsibility list has a new version: after the
 * commit of a change made on this instance, and when the list's poll sees one made on another.
 */
@Component
class CategoryCatalogueRefresh {

  private final CategoryCatalogue catalogue;

  CategoryCatalogueRefresh(CategoryCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @TransactionalEventListener(fallbackExecution = true)
  @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
  void listChanged(ResponsibilityListChanged changed) {
    catalogue.reload();
  }
}
