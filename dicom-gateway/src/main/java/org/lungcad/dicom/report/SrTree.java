package org.lungcad.dicom.report;

import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import java.util.Locale;

/**
 * Adds content items to an SR tree: a thin layer over PixelMed's {@link ContentItemFactory} that takes our
 * {@link Code}s and keeps text within the value representations' limits.
 */
final class SrTree {

    static final String CONTAINS = "CONTAINS";
    static final String HAS_CONCEPT_MOD = "HAS CONCEPT MOD";
    static final String HAS_OBS_CONTEXT = "HAS OBS CONTEXT";
    static final String HAS_ACQ_CONTEXT = "HAS ACQ CONTEXT";
    static final String SELECTED_FROM = "SELECTED FROM";
    static final String INFERRED_FROM = "INFERRED FROM";

    /** UT would allow more, but TEXT content items are UT and viewers show one line: keep them readable. */
    private static final int MAX_TEXT = 1024;

    private final ContentItemFactory factory = new ContentItemFactory();

    ContentItem root(Code concept, String templateId) throws DicomException {
        return factory.makeContainerContentItem(null, null, concept.item(), true, "DCMR", templateId);
    }

    ContentItem container(ContentItem parent, Code concept) throws DicomException {
        return factory.makeContainerContentItem(parent, CONTAINS, concept.item(), true);
    }

    ContentItem code(ContentItem parent, String relationship, Code concept, Code value) throws DicomException {
        return factory.makeCodeContentItem(parent, relationship, concept.item(), value.item());
    }

    ContentItem text(ContentItem parent, String relationship, Code concept, String value) throws DicomException {
        return factory.makeTextContentItem(parent, relationship, concept.item(), OutputStamp.ascii(value, MAX_TEXT));
    }

    ContentItem uid(ContentItem parent, String relationship, Code concept, String uid) throws DicomException {
        return factory.makeUIDContentItem(parent, relationship, concept.item(), uid);
    }

    ContentItem date(ContentItem parent, String relationship, Code concept, String date) throws DicomException {
        return factory.makeDateContentItem(parent, relationship, concept.item(), date);
    }

    /** A NUM with units, which every viewer needs (OHIF fails on a NUM without them). */
    ContentItem num(ContentItem parent, String relationship, Code concept, double value, int decimals, Code units)
            throws DicomException {
        String decimal = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return factory.makeNumericContentItem(parent, relationship, concept.item(), decimal, units.item());
    }

    ContentItem polyline(ContentItem parent, Code concept, float[] columnRowPairs) throws DicomException {
        return factory.makeSpatialCoordinatesContentItem(parent, CONTAINS, concept.item(), "POLYLINE", columnRowPairs);
    }

    /** An IMAGE reference; no purpose-of-reference concept, which PS3.3 makes optional for IMAGE items. */
    ContentItem image(ContentItem parent, String relationship, String sopClassUid, String sopInstanceUid)
            throws DicomException {
        return factory.makeImageContentItem(parent, relationship, null, sopClassUid, sopInstanceUid, 0, 0,
                null, null, null, null);
    }
}
