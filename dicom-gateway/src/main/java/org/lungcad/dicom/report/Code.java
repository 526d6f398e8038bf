package org.lungcad.dicom.report;

import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import java.util.Objects;

/**
 * A coded concept (PS3.3 Code Sequence Macro): code value, coding scheme designator and code meaning.
 *
 * @param value   Code Value (0008,0100)
 * @param scheme  Coding Scheme Designator (0008,0102): DCM, SCT, UCUM, RADLEX, or our private 99LUNGCAD
 * @param meaning Code Meaning (0008,0104)
 */
public record Code(String value, String scheme, String meaning) {

    public Code {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(meaning, "meaning");
    }

    CodedSequenceItem item() {
        try {
            return new CodedSequenceItem(value, scheme, meaning);
        } catch (DicomException e) {
            throw new IllegalStateException("cannot encode code " + this, e);
        }
    }

    @Override
    public String toString() {
        return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
    }
}
