package org.lungcad.dicom.report;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.StructuredReport;
import java.util.ArrayList;
import java.util.List;

/** Reads a written SR back with PixelMed and finds content items by concept, as a viewer would. */
final class SrTreeReader {

    private SrTreeReader() {
    }

    static ContentItem root(AttributeList list) throws Exception {
        return (ContentItem) new StructuredReport(list).getRoot();
    }

    static List<ContentItem> children(ContentItem item) {
        List<ContentItem> children = new ArrayList<>();
        for (int n = 0; n < item.getChildCount(); n++) {
            children.add((ContentItem) item.getChildAt(n));
        }
        return children;
    }

    static List<ContentItem> children(ContentItem item, Code concept) {
        return children(item).stream().filter(child -> is(child, concept)).toList();
    }

    static List<ContentItem> childrenOfType(ContentItem item, String valueType) {
        return children(item).stream().filter(child -> valueType.equals(child.getValueType())).toList();
    }

    static ContentItem child(ContentItem item, Code concept) {
        List<ContentItem> found = children(item, concept);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " children " + concept + " under " + item.getConceptNameAndValue());
        }
        return found.get(0);
    }

    /** Every item of the tree, depth first. */
    static List<ContentItem> all(ContentItem root) {
        List<ContentItem> items = new ArrayList<>();
        items.add(root);
        for (ContentItem child : children(root)) {
            items.addAll(all(child));
        }
        return items;
    }

    static boolean is(ContentItem item, Code concept) {
        return concept.value().equals(item.getConceptNameCodeValue())
                && concept.scheme().equals(item.getConceptNameCodingSchemeDesignator());
    }
}
