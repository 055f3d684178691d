package uk.ambulance.ops.generators.importer;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.IncidentEventType;
import uk.ambulance.ops.events.model.Outcome;

/**
 * Turns a CSV export into {@code cad.incidents} events, in time order. Rows are grouped into
 * incidents by the incident column. A row that cannot give events is refused with a reason; a
 * single timestamp that contradicts the rest of its row (before the call, leaving scene before
 * arriving) is ignored with a reason and the row kept. No London-only checks: locations are taken
 * as they are.
 */
public final class CsvImporter {
  private final ColumnMapping mapping;
  private final ImportReport report = new ImportReport();

  public CsvImporter(ColumnMapping mapping) {
    this.mapping = mapping;
  }

  /** A unit row, read and checked. */
  private record UnitRow(
      String unitId,
      ColumnMapping.UnitKind kind,
      Instant assigned,
      Instant arrived,
      Instant leftScene,
      Instant arrivedHospital,
      Instant clear) {}

  /** One incident's rows. */
  private static final class Call {
    final String id;
    Instant received;
    Instant categorised;
    Category category;
    double lat;
    double lon;
    String disposition;
    final List<UnitRow> units = new ArrayList<>();

    Call(String id) {
      this.id = id;
    }
  }

  private static final class BadRow extends Exception {
    BadRow(String reason) {
      super(reason, null, false, false);
    }
  }

  public ImportReport report() {
    return report;
  }

  /** Reads the whole CSV and returns its events in time order. */
  public List<IncidentEvent> read(Reader in) throws IOException {
    Csv csv = new Csv(in);
    List<String> header = csv.next();
    if (header == null) {
      throw new IOException("the CSV is empty");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.put(header.get(i).strip().replace("\uFEFF", ""), i);
    }
    Map<String, Call> calls = new LinkedHashMap<>();
    List<String> row;
    while ((row = csv.next()) != null) {
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      report.rows++;
      try {
        readRow(row, index, calls);
        report.rowsUsed++;
      } catch (BadRow e) {
        report.unusable(e.getMessage());
      }
    }
    List<IncidentEvent> events = new ArrayList<>();
    for (Call call : calls.values()) {
      events.addAll(eventsOf(call));
    }
    // Stable: events of one incident at the same instant keep their lifecycle order.
    events.sort(Comparator.comparing(IncidentEvent::time));
    report.incidents = calls.size();
    report.events = events.size();
    return events;
  }

  private String field(List<String> row, Map<String, Integer> index, String name) throws BadRow {
    String column = mapping.column(name);
    if (column == null) {
      return null;
    }
    Integer i = index.get(column);
    if (i == null) {
      throw new BadRow("column '" + column + "' missing from the CSV header");
    }
    if (i >= row.size()) {
      throw new BadRow("row has fewer fields than the header");
    }
    String v = row.get(i).strip();
    return v.isEmpty() ? null : v;
  }

  private Instant time(List<String> row, Map<String, Integer> index, String name) throws BadRow {
    String v = field(row, index, name);
    if (v == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(v, mapping.timeFormat).atZone(mapping.zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadRow("unreadable time in column '" + mapping.column(name) + "'");
    }
  }

  private void readRow(List<String> row, Map<String, Integer> index, Map<String, Call> calls)
      throws BadRow {
    String id = field(row, index, "incidentId");
    if (id == null) {
      throw new BadRow("no incident id");
    }
    Instant received = time(row, index, "received");
    if (received == null) {
      throw new BadRow("no received time");
    }
    String priority = field(row, index, "priority");
    Category category = priority == null ? null : mapping.category(priority);
    if (category == null) {
      throw new BadRow("priority '" + priority + "' not in the mapping");
    }
    double[] place = location(row, index);
    Instant categorised = time(row, index, "categorised");
    UnitRow unit = unit(row, index, id, received);
    Call call = calls.get(id);
    if (call == null) {
      call = new Call(id);
      call.received = received;
      call.categorised = categorised;
      call.category = category;
      call.lat = place[0];
      call.lon = place[1];
      call.disposition = field(row, index, "disposition");
      calls.put(id, call);
    } else if (!mapping.unitPerRow) {
      throw new BadRow("second row for an incident in an incident-per-row export");
    }
    if (unit != null) {
      call.units.add(unit);
    }
  }

  private double[] location(List<String> row, Map<String, Integer> index) throws BadRow {
    if (mapping.column("location") != null) {
      String v = field(row, index, "location");
      if (v == null) {
        throw new BadRow("no location");
      }
      String[] parts = v.replace("(", "").replace(")", "").split(",");
      if (parts.length != 2) {
        throw new BadRow("unreadable location");
      }
      return latLon(parts[0], parts[1]);
    }
    String lat = field(row, index, "lat");
    String lon = field(row, index, "lon");
    if (lat == null || lon == null) {
      throw new BadRow("no location");
    }
    return latLon(lat, lon);
  }

  private static double[] latLon(String lat, String lon) throws BadRow {
    try {
      double la = Double.parseDouble(lat.strip());
      double lo = Double.parseDouble(lon.strip());
      if (Math.abs(la) > 90 || Math.abs(lo) > 180 || (la == 0 && lo == 0)) {
        throw new BadRow("location is not on Earth (or is 0,0)");
      }
      return new double[] {la, lo};
    } catch (NumberFormatException e) {
      throw new BadRow("unreadable location");
    }
  }

  private UnitRow unit(List<String> row, Map<String, Integer> index, String id, Instant received)
      throws BadRow {
    Instant assigned = time(row, index, "assigned");
    Instant arrived = time(row, index, "arrived");
    Instant left = time(row, index, "leftScene");
    Instant hospital = time(row, index, "arrivedHospital");
    Instant clear = time(row, index, "clear");
    String unitId = field(row, index, "unitId");
    if (unitId == null) {
      if (mapping.unitPerRow) {
        throw new BadRow("no unit id");
      }
      if (assigned == null) {
        return null;
      }
      unitId = id + "-U1";
    }
    if (assigned == null) {
      throw new BadRow("unit never dispatched (no dispatch time)");
    }
    if (assigned.isBefore(received)) {
      // The assignment is a clock input and every unit event needs it: refuse, do not guess.
      throw new BadRow("dispatch before the call was received");
    }
    arrived = notBefore(arrived, received, "on scene before the call was received");
    left = notBefore(left, received, "left scene before the call was received");
    hospital = notBefore(hospital, received, "at hospital before the call was received");
    clear = notBefore(clear, received, "available before the call was received");
    left = after(left, arrived, "transport without an on-scene time", "transport before on scene");
    hospital =
        after(
            hospital,
            left,
            "at hospital without a usable transport time",
            "at hospital before leaving scene");
    String type = field(row, index, "unitType");
    return new UnitRow(
        unitId,
        mapping.unitKind(type == null ? "" : type),
        assigned,
        arrived,
        left,
        hospital,
        clear);
  }

  /** A step that needs the one before it: ignored without it, or before it. */
  private Instant after(Instant t, Instant previous, String without, String before) {
    if (t != null && previous == null) {
      report.ignored(without);
      return null;
    }
    if (t != null && t.isBefore(previous)) {
      report.ignored(before);
      return null;
    }
    return t;
  }

  private Instant notBefore(Instant t, Instant received, String reason) {
    if (t != null && t.isBefore(received)) {
      report.ignored(reason);
      return null;
    }
    return t;
  }

  private List<IncidentEvent> eventsOf(Call call) {
    String incidentId = mapping.idPrefix() + call.id;
    int[] seq = {0};
    Supplier<String> eventId = () -> incidentId + "-" + (++seq[0]);
    List<IncidentEvent> out = new ArrayList<>();
    out.add(
        IncidentEvent.callConnected(
            eventId.get(), incidentId, call.received, call.lat, call.lon, null));
    Instant categorised = call.categorised == null ? call.received : call.categorised;
    if (categorised.isBefore(call.received)) {
      report.ignored("entered before the call was received (categorised at received)");
      categorised = call.received;
    }
    out.add(IncidentEvent.categorised(eventId.get(), incidentId, categorised, call.category));
    Instant last = categorised;
    boolean anyArrival = false;
    boolean transportArrival = false;
    for (UnitRow u : call.units) {
      out.add(resource(eventId, incidentId, IncidentEventType.RESOURCE_ASSIGNED, u.assigned, u));
      last = max(last, u.assigned);
      if (u.arrived != null) {
        anyArrival = true;
        transportArrival |= u.kind.transportCapable();
        out.add(resource(eventId, incidentId, IncidentEventType.RESOURCE_ARRIVED, u.arrived, u));
        last = max(last, u.arrived);
      }
      last =
          step(
              out,
              eventId,
              incidentId,
              IncidentEventType.LEFT_SCENE,
              u.leftScene,
              u,
              mapping.hospitalId(),
              last);
      last =
          step(
              out,
              eventId,
              incidentId,
              IncidentEventType.ARRIVED_HOSPITAL,
              u.arrivedHospital,
              u,
              mapping.hospitalId(),
              last);
      last =
          step(out, eventId, incidentId, IncidentEventType.RESOURCE_CLEAR, u.clear, u, null, last);
    }
    Outcome outcome = call.disposition == null ? null : mapping.outcome(call.disposition);
    if (outcome == null) {
      report.adjusted("disposition not in the mapping: closed SEE_AND_TREAT or CANCELLED");
      outcome = Outcome.SEE_AND_TREAT;
    }
    if (!anyArrival && !outcome.isWithdrawn()) {
      report.adjusted("no unit on scene: closed CANCELLED");
      outcome = Outcome.CANCELLED;
    }
    if (outcome.isConveyed() && !transportArrival) {
      report.adjusted("conveyed without a transport-capable unit on scene (kept as recorded)");
    }
    out.add(IncidentEvent.closed(eventId.get(), incidentId, last, outcome));
    return out;
  }

  private static IncidentEvent resource(
      Supplier<String> eventId, String incidentId, IncidentEventType type, Instant t, UnitRow u) {
    return IncidentEvent.resource(
        eventId.get(), incidentId, type, t, u.unitId, u.kind.type(), u.kind.transportCapable());
  }

  /** A unit's step, if it was recorded: added to {@code out}; the latest time so far returned. */
  private static Instant step(
      List<IncidentEvent> out,
      Supplier<String> eventId,
      String incidentId,
      IncidentEventType type,
      Instant t,
      UnitRow unit,
      String hospital,
      Instant last) {
    if (t == null) {
      return last;
    }
    out.add(IncidentEvent.vehicleStep(eventId.get(), incidentId, type, t, unit.unitId, hospital));
    return max(last, t);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
