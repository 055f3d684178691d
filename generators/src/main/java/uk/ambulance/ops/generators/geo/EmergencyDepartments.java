package uk.ambulance.ops.generators.geo;

import java.util.List;

/**
 * London's Type 1 emergency departments that the LAS conveys to, at their real sites (coordinates
 * to about 100 m). Cubicle counts are this project's estimate of relative size: the major trauma
 * centres and big teaching hospitals are largest. IDs are short, stable and used on the wire.
 */
public final class EmergencyDepartments {
  public static final List<EmergencyDepartment> LONDON =
      List.of(
          new EmergencyDepartment("RLH", "Royal London Hospital", 51.5186, -0.0597, 60),
          new EmergencyDepartment("STH", "St Thomas' Hospital", 51.4987, -0.1181, 55),
          new EmergencyDepartment("KCH", "King's College Hospital", 51.4681, -0.0938, 60),
          new EmergencyDepartment("UCH", "University College Hospital", 51.5246, -0.1357, 50),
          new EmergencyDepartment("SMH", "St Mary's Hospital", 51.5173, -0.1737, 45),
          new EmergencyDepartment("CXH", "Charing Cross Hospital", 51.4870, -0.2197, 40),
          new EmergencyDepartment("CWH", "Chelsea and Westminster Hospital", 51.4844, -0.1817, 40),
          new EmergencyDepartment("HUH", "Homerton University Hospital", 51.5495, -0.0452, 40),
          new EmergencyDepartment("WHH", "Whittington Hospital", 51.5660, -0.1389, 35),
          new EmergencyDepartment("RFH", "Royal Free Hospital", 51.5532, -0.1654, 45),
          new EmergencyDepartment(
              "NMH", "North Middlesex University Hospital", 51.6133, -0.0740, 50),
          new EmergencyDepartment("BAR", "Barnet Hospital", 51.6506, -0.2144, 40),
          new EmergencyDepartment("NPH", "Northwick Park Hospital", 51.5757, -0.3221, 55),
          new EmergencyDepartment("HIL", "Hillingdon Hospital", 51.5263, -0.4612, 40),
          new EmergencyDepartment(
              "WMU", "West Middlesex University Hospital", 51.4737, -0.3260, 40),
          new EmergencyDepartment("EAL", "Ealing Hospital", 51.5073, -0.3457, 35),
          new EmergencyDepartment("KGH", "Kingston Hospital", 51.4145, -0.2825, 40),
          new EmergencyDepartment("SGH", "St George's Hospital", 51.4270, -0.1747, 60),
          new EmergencyDepartment("CUH", "Croydon University Hospital", 51.3900, -0.1074, 45),
          new EmergencyDepartment("SHH", "St Helier Hospital", 51.3805, -0.1812, 35),
          new EmergencyDepartment("PRU", "Princess Royal University Hospital", 51.3665, 0.0597, 45),
          new EmergencyDepartment("QEH", "Queen Elizabeth Hospital Woolwich", 51.4785, 0.0513, 45),
          new EmergencyDepartment("UHL", "University Hospital Lewisham", 51.4529, -0.0170, 40),
          new EmergencyDepartment("NUH", "Newham University Hospital", 51.5271, 0.0519, 40),
          new EmergencyDepartment("WXH", "Whipps Cross University Hospital", 51.5775, 0.0045, 40),
          new EmergencyDepartment("QHR", "Queen's Hospital Romford", 51.5688, 0.1786, 55),
          new EmergencyDepartment("KGI", "King George Hospital Ilford", 51.5767, 0.1078, 35));

  private EmergencyDepartments() {}

  public static EmergencyDepartment byId(String id) {
    for (EmergencyDepartment ed : LONDON) {
      if (ed.id().equals(id)) {
        return ed;
      }
    }
    throw new IllegalArgumentException(
        "unknown emergency department '"
            + id
            + "'; known: "
            + String.join(",", LONDON.stream().map(EmergencyDepartment::id).toList()));
  }
}
