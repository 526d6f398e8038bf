package org.lungcad.model;

/** Patient sex as the Brock model uses it; DICOM PatientSex "O" or absent maps to {@link #UNKNOWN}. */
public enum Sex {
    MALE, FEMALE, UNKNOWN
}
