package org.lungcad.server.audit;

/**
 * What an audit line records, with the DICOM audit message (PS3.15 A.5.3) whose role it plays: the {@code eventId}
 * is its EventID code from DCM (PS3.16 CID 400), so a site's ATNA tooling can map the lines onto its own schema.
 */
public enum AuditEventType {
    APPLICATION_STARTED("110100", "Application Activity"),
    APPLICATION_STOPPED("110100", "Application Activity"),
    /** The calling AE passed the node's checks (called AE title, calling AE allow list, association limit). */
    ASSOCIATION_ACCEPTED("110114", "User Authentication"),
    ASSOCIATION_REJECTED("110114", "User Authentication"),
    ASSOCIATION_CLOSED("110114", "User Authentication"),
    /** A completed series: how many instances were stored, from which AE titles. */
    INSTANCES_RECEIVED("110104", "DICOM Instances Transferred"),
    /** One C-STORE answered with a failure status (the instance was not kept). */
    INSTANCE_REFUSED("110104", "DICOM Instances Transferred"),
    /** The storage directory is above its free-space floor again after instances were refused for it. */
    STORAGE_RECOVERED("110100", "Application Activity"),
    /** What the node decided about a series: reported, skipped (with the reason) or failed. */
    SERIES_DECISION("110103", "DICOM Instances Accessed"),
    RESULTS_SENT("110104", "DICOM Instances Transferred"),
    /** A REST read of studies, findings or malignancy factors. */
    PATIENT_DATA_READ("110110", "Patient Record"),
    /** A REST request that changes state (resend, re-analyse, pause intake). */
    REST_WRITE("110110", "Patient Record"),
    /** Wrong user name or password. */
    LOGIN_FAILED("110114", "User Authentication"),
    /** No login, or a login without the role the request needs. */
    ACCESS_DENIED("110113", "Security Alert");

    private final String code;
    private final String meaning;

    AuditEventType(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The stable name in the audit line, e.g. {@code association-rejected}. */
    public String event() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The DCM EventID, e.g. {@code DCM 110114 User Authentication}. */
    public String eventId() {
        return "DCM " + code + " " + meaning;
    }
}
