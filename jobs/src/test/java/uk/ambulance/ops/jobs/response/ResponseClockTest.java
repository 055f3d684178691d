package uk.ambulance.ops.jobs.response;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ambulance.ops.jobs.response.Incidents.at;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.ambulance.ops.events.model.Area;
import uk.ambulance.ops.events.model.Category;
import uk.ambulance.ops.events.model.IncidentEvent;
import uk.ambulance.ops.events.model.Outcome;
import uk.ambulance.ops.events.model.ReportingCategory;

/** The clock rules of the domain brief, each checked on a case worked out by hand. */
class ResponseClockTest {
  private final ResponseClock clock = new ResponseClock(ClockRules.defaults());
  private final Incidents i = new Incidents("INC-1");

  private List<ResponseMeasurement> measure(IncidentEvent... events) {
    return measure(clock, events);
  }

  private static List<ResponseMeasurement> measure(ResponseClock clock, IncidentEvent... events) {
    IncidentTimeline t = new IncidentTimeline();
    for (IncidentEvent e : events) {
      t.apply(e);
    }
    return clock.measure(t);
  }

  private static ResponseMeasurement only(List<ResponseMeasurement> ms) {
    assertThat(ms).hasSize(1);
    return ms.get(0);
  }

  @Test
  void startsAtCategorisationWhenThatComesFirst() {
    var m =
        only(
            measure(
                i.connected(0, Area.NC),
                i.categorised(90, Category.C2),
                i.assigned(120, "FRU1", false),
                i.arrived(720, "FRU1", false),
                i.closed(2000, Outcome.SEE_AND_TREAT)));
    assertThat(m.category()).isEqualTo(ReportingCategory.C2);
    assertThat(m.clockStartMs()).isEqualTo(at(90).toEpochMilli());
    assertThat(m.responseMs()).isEqualTo(630_000);
    assertThat(m.provisional()).isFalse();
    assertThat(m.area()).isEqualTo(Area.NC);
  }

  @Test
  void startsAtAssignmentWhenAVehicleIsSentBeforeTriageEnds() {
    var m =
        only(
            measure(
                i.connected(0, Area.NE),
                i.assigned(50, "DCA1", true),
                i.categorised(100, Category.C1),
                i.arrived(360, "DCA1", true)));
    assertThat(m.clockStartMs()).isEqualTo(at(50).toEpochMilli());
    assertThat(m.responseMs()).isEqualTo(310_000);
  }

  @Test
  void startIsCappedAt240SecondsAfterConnection() {
    var m =
        only(
            measure(
                i.connected(0, Area.SW),
                i.categorised(360, Category.C3),
                i.assigned(1800, "DCA1", true),
                i.arrived(2400, "DCA1", true)));
    assertThat(m.clockStartMs()).isEqualTo(at(240).toEpochMilli());
    assertThat(m.responseMs()).isEqualTo(2_160_000);
  }

  @Test
  void capAtExactly240SecondsTiesWithCategorisation() {
    var m =
        only(
            measure(
                i.connected(0, Area.SW),
                i.categorised(240, Category.C2),
                i.arrived(600, "DCA1", true)));
    assertThat(m.clockStartMs()).isEqualTo(at(240).toEpochMilli());
  }

  @Test
  void capIsASettingPerCategory() {
    var c1Cap =
        new ResponseClock(ClockRules.withStartCaps(Map.of(Category.C1, Duration.ofSeconds(120))));
    var c1 =
        only(
            measure(
                c1Cap,
                i.connected(0, Area.SW),
                i.categorised(200, Category.C1),
                i.arrived(500, "FRU1", false)));
    assertThat(c1.clockStartMs()).isEqualTo(at(120).toEpochMilli());
    var c2 =
        only(
            measure(
                c1Cap,
                i.connected(0, Area.SW),
                i.categorised(200, Category.C2),
                i.arrived(500, "FRU1", false)));
    assertThat(c2.clockStartMs()).isEqualTo(at(200).toEpochMilli());
  }

  @Test
  void c1StopsAtTheCarButC1TWaitsForTheAmbulanceWhenConveyed() {
    var ms =
        measure(
            i.connected(0, Area.NW),
            i.categorised(60, Category.C1),
            i.assigned(70, "FRU1", false),
            i.assigned(80, "DCA1", true),
            i.arrived(400, "FRU1", false),
            i.arrived(700, "DCA1", true),
            i.leftScene(2000, "DCA1", "RLH"),
            i.closed(4000, Outcome.CONVEYED_ED));
    assertThat(ms)
        .extracting(ResponseMeasurement::category, ResponseMeasurement::responseMs)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ReportingCategory.C1, 340_000L),
            org.assertj.core.groups.Tuple.tuple(ReportingCategory.C1T, 640_000L));
  }

  @Test
  void c1NotConveyedHasNoC1T() {
    var m =
        only(
            measure(
                i.categorised(60, Category.C1),
                i.arrived(400, "FRU1", false),
                i.arrived(700, "DCA1", true),
                i.closed(4000, Outcome.SEE_AND_TREAT)));
    assertThat(m.category()).isEqualTo(ReportingCategory.C1);
  }

  @Test
  void c2IsProvisionalOnTheFirstArrivalUntilConveyanceIsKnown() {
    IncidentTimeline t = new IncidentTimeline();
    t.apply(i.categorised(60, Category.C2));
    t.apply(i.arrived(600, "FRU1", false));
    t.apply(i.arrived(1200, "DCA1", true));
    var provisional = only(clock.measure(t));
    assertThat(provisional.clockStopMs()).isEqualTo(at(600).toEpochMilli());
    assertThat(provisional.provisional()).isTrue();

    t.apply(i.leftScene(3000, "DCA1", "STH"));
    assertThat(only(clock.measure(t)).clockStopMs()).isEqualTo(at(1200).toEpochMilli());

    t.apply(i.closed(6000, Outcome.CONVEYED_ED));
    var fin = only(clock.measure(t));
    assertThat(fin.clockStopMs()).isEqualTo(at(1200).toEpochMilli());
    assertThat(fin.provisional()).isFalse();
  }

  @Test
  void conveyedWithoutATransportCapableArrivalFallsBackToTheFirstArrival() {
    var m =
        only(
            measure(
                i.categorised(0, Category.C3),
                i.arrived(900, "FRU1", false),
                i.closed(5000, Outcome.CONVEYED_OTHER)));
    assertThat(m.clockStopMs()).isEqualTo(at(900).toEpochMilli());
  }

  @Test
  void hearAndTreatIsNotMeasured() {
    assertThat(
            measure(
                i.connected(0, Area.SE),
                i.categorised(60, Category.C4),
                i.closed(900, Outcome.HEAR_AND_TREAT)))
        .isEmpty();
  }

  @Test
  void cancelledBeforeAnyArrivalIsNotMeasuredButAfterAnArrivalIs() {
    assertThat(
            measure(
                i.categorised(60, Category.C2),
                i.assigned(70, "DCA1", true),
                i.closed(300, Outcome.CANCELLED)))
        .isEmpty();
    assertThat(
            measure(
                i.categorised(60, Category.C2),
                i.arrived(500, "DCA1", true),
                i.closed(900, Outcome.DUPLICATE)))
        .hasSize(1);
  }

  @Test
  void anIncidentNotYetCategorisedIsNotMeasured() {
    assertThat(measure(i.connected(0, Area.SE), i.arrived(500, "DCA1", true))).isEmpty();
  }

  @Test
  void countedInTheCategoryInForceAtClockStopWithTheHighestKept() {
    var upgraded =
        only(
            measure(
                i.categorised(60, Category.C3),
                i.categorised(1800, Category.C2),
                i.arrived(2400, "DCA1", true)));
    assertThat(upgraded.category()).isEqualTo(ReportingCategory.C2);
    assertThat(upgraded.highestCategory()).isEqualTo(Category.C2);
    assertThat(upgraded.clockStartMs()).isEqualTo(at(60).toEpochMilli());

    var downgradedAfterArrival =
        only(
            measure(
                i.categorised(60, Category.C2),
                i.arrived(1200, "DCA1", true),
                i.categorised(1500, Category.C3)));
    assertThat(downgradedAfterArrival.category()).isEqualTo(ReportingCategory.C2);

    var downgradedBeforeArrival =
        only(
            measure(
                i.categorised(60, Category.C1),
                i.categorised(300, Category.C3),
                i.arrived(1200, "DCA1", true)));
    assertThat(downgradedBeforeArrival.category()).isEqualTo(ReportingCategory.C3);
    assertThat(downgradedBeforeArrival.highestCategory()).isEqualTo(Category.C1);
  }

  @Test
  void anUpgradeToC1AfterACarArrivedCountsAsC1AtTheAmbulanceWithC1T() {
    var ms =
        measure(
            i.categorised(0, Category.C2),
            i.arrived(600, "FRU1", false),
            i.categorised(700, Category.C1),
            i.arrived(900, "DCA1", true),
            i.closed(5000, Outcome.CONVEYED_ED));
    assertThat(ms)
        .extracting(ResponseMeasurement::category, ResponseMeasurement::clockStopMs)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ReportingCategory.C1, at(900).toEpochMilli()),
            org.assertj.core.groups.Tuple.tuple(ReportingCategory.C1T, at(900).toEpochMilli()));
  }

  @Test
  void anArrivalLoggedBeforeItsTriageCountsInTheFirstCategory() {
    var m =
        only(
            measure(
                i.connected(0, Area.NC),
                i.assigned(30, "FRU1", false),
                i.arrived(200, "FRU1", false),
                i.categorised(260, Category.C1)));
    assertThat(m.category()).isEqualTo(ReportingCategory.C1);
    assertThat(m.responseMs()).isEqualTo(170_000);
  }

  @Test
  void areaIsDerivedFromTheLocationWhenTheCallCarriesNone() {
    IncidentTimeline t = new IncidentTimeline();
    // Croydon's centre: South West in this project's grouping of boroughs.
    t.apply(IncidentEvent.callConnected("x", "INC-1", at(0), 51.372, -0.099, null));
    assertThat(t.area).isEqualTo(Area.SW);
  }

  /**
   * Property: the events of an incident may arrive in any order and any of them twice, and the
   * measurements do not change.
   */
  @Test
  void orderAndRepetitionOfEventsDoNotMatter() {
    Random random = new Random(42);
    Category[] categories = Category.values();
    Outcome[] outcomes = Outcome.values();
    for (int n = 0; n < 2000; n++) {
      Incidents inc = new Incidents("P" + n);
      List<IncidentEvent> events = new ArrayList<>();
      long t = 0;
      events.add(inc.connected(t, Area.values()[random.nextInt(5)]));
      events.add(inc.categorised(t += random.nextInt(400), categories[random.nextInt(4)]));
      if (random.nextBoolean()) {
        events.add(inc.categorised(t + random.nextInt(3000), categories[random.nextInt(4)]));
      }
      events.add(inc.assigned(t += random.nextInt(600) - 200, "V1", random.nextBoolean()));
      for (int v = 0; v < random.nextInt(4); v++) {
        events.add(inc.arrived(t + random.nextInt(3600), "V" + v, random.nextBoolean()));
      }
      if (random.nextBoolean()) {
        events.add(inc.leftScene(t + 4000, "V0", random.nextBoolean() ? "H1" : null));
      }
      if (random.nextInt(4) > 0) {
        events.add(inc.closed(t + 9000, outcomes[random.nextInt(outcomes.length)]));
      }
      var expected = measure(events.toArray(IncidentEvent[]::new));

      List<IncidentEvent> shuffled = new ArrayList<>(events);
      shuffled.add(events.get(random.nextInt(events.size())));
      Collections.shuffle(shuffled, random);
      assertThat(measure(shuffled.toArray(IncidentEvent[]::new)))
          .as("incident %d in order %s", n, shuffled)
          .isEqualTo(expected);
    }
  }
}
