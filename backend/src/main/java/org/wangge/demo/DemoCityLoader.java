package org.wangge.demo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.security.AuditLog;
import org.wangge.security.UserAccounts;

import java.time.LocalDate;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.address.AddressService;
import org.wangge.area.AreaService;
import org.wangge.gisdata.model.City;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;
import org.wangge.incident.IncidentService;
import org.wangge.team.TeamService;

/**
 * On a start with an empty database, generates the demo city (its incidents cover the 90 days up
 * to today, Asia/Shanghai) and loads it in one transaction, before the web server accepts
 * requests. A crash half-way leaves the database empty, and the next start loads it again.
 */
@Component
class DemoCityLoader implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(DemoCityLoader.class);
  static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

  private final DemoProperties properties;
  private final AreaService areas;
  private final AddressService addresses;
  private final TeamService teams;
  private final IncidentService incidents;
  private final TransactionTemplate transactions;
  private final UserAccounts accounts;
  private final AuditLog audit;
  private final JdbcTemplate jdbc;
  private final org.wangge.database.LongWork longWork;

  DemoCityLoader(
      DemoProperties properties,
      AreaService areas,
      AddressService addresses,
      TeamService teams,
      IncidentService incidents,
      TransactionTemplate transactions,
      UserAccounts accounts,
      AuditLog audit,
      JdbcTemplate jdbc,
      org.wangge.database.LongWork longWork) {
    this.longWork = longWork;
    this.properties = properties;
    this.areas = areas;
    this.addresses = addresses;
    this.teams = teams;
    this.incidents = incidents;
    this.transactions = transactions;
    this.accounts = accounts;
    this.audit = audit;
    this.jdbc = jdbc;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!properties.load()) {
      log.info("Demo city: not loaded (wangge.demo.load=false)");
      return;
    }
    if (!areas.isEmpty()) {
      log.info("Demo city: database already holds areas, nothing to load");
    } else {
      load(LocalDate.now(CITY_ZONE));
    }
    if (accounts.isEmpty()) {
      int created = transactions.execute(tx -> accounts.createDemoUsers(DemoUsers.choose(jdbc)));
      log.info("Demo city: created {} demo users (password in README)", created);
    }
  }

  void load(LocalDate asOf) {
    long start = System.nanoTime();
    CitySpec spec = properties.spec(asOf);
    log.info(
        "Demo city: generating {} grids, {} addresses, {} incidents (as of {})…",
        spec.grids(),
        spec.addresses(),
        spec.incidents(),
        asOf);
    City city = SyntheticCityGenerator.generate(spec);
    log.info(
        "Demo city: generated {} areas, {} addresses, {} members, {} incidents in {} ms",
        city.areas().size(),
        city.addresses().size(),
        city.members().size(),
        city.incidents().size(),
        millisSince(start));
    transactions.executeWithoutResult(
        tx -> {
          longWork.extend();
          long step = System.nanoTime();
          areas.importAreas(city.areas(), asOf.minusYears(1).atStartOfDay(CITY_ZONE).toInstant());
          log.info("Demo city: loaded {} areas ({} ms)", city.areas().size(), millisSince(step));
          step = System.nanoTime();
          int total = city.addresses().size();
          addresses.importAddresses(
              city.addresses(),
              done -> {
                if (done % 100_000 == 0 || done == total) {
                  log.info("Demo city: loaded {} / {} addresses", done, total);
                }
              });
          log.info("Demo city: addresses loaded ({} ms)", millisSince(step));
          step = System.nanoTime();
          teams.importDepartments(city.departments());
          teams.importMembers(city.members());
          incidents.importCategories(city.categories());
          log.info(
              "Demo city: loaded {} departments, {} members, {} categories ({} ms)",
              city.departments().size(),
              city.members().size(),
              city.categories().size(),
              millisSince(step));
          step = System.nanoTime();
          incidents.importIncidents(city.incidents());
          log.info(
              "Demo city: loaded {} incidents ({} ms)", city.incidents().size(), millisSince(step));
          audit.change(
              "DEMO_CITY_LOADED",
              "city",
              null,
              null,
              null,
              java.util.Map.of(
                  "areas", city.areas().size(),
                  "addresses", city.addresses().size(),
                  "members", city.members().size(),
                  "incidents", city.incidents().size()));
        });
    log.info("Demo city: ready in {} ms", millisSince(start));
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
