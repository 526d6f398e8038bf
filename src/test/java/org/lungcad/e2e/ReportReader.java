package org.lungcad.e2e;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TID 1500 report as a viewer would: each measurement group's SCOORD, mapped through the geometry of the
 * CT slice its IMAGE child references, gives the finding's position in patient coordinates (LPS, mm).
 */
final class ReportReader {

    private ReportReader() {
    }

    record MarkedFinding(String trackingId, double[] centreLps) {
    }

    static List<MarkedFinding> findings(Path srFile, List<Path> ctFiles) throws Exception {
        AttributeList sr = read(srFile, true);
        List<MarkedFinding> found = new ArrayList<>();
        for (ContentItem group : all((ContentItem) new StructuredReport(sr).getRoot())) {
            if (!"125007".equals(group.getConceptNameCodeValue())) {
                continue;
            }
            String trackingId = null;
            double[] centre = null;
            for (ContentItem item : children(group)) {
                if ("112039".equals(item.getConceptNameCodeValue())) {
                    trackingId = item.getConceptValue();
                } else if ("SCOORD".equals(item.getValueType())) {
                    float[] g = item.getGraphicData();
                    String slice = children(item).get(0).getReferencedSOPInstanceUID();
                    centre = patient(slice(ctFiles, slice), (g[0] + g[2]) / 2.0, (g[1] + g[3]) / 2.0);
                }
            }
            found.add(new MarkedFinding(trackingId, centre));
        }
        return found;
    }

    static String text(Path srFile) throws Exception {
        return read(srFile, true).toString();
    }

    /** PS3.3 C.18.6.1.1: (0.5, 0.5) is the centre of the first pixel, which is at ImagePositionPatient. */
    private static double[] patient(AttributeList slice, double column, double row) throws Exception {
        double[] ipp = slice.get(TagFromName.ImagePositionPatient).getDoubleValues();
        double[] iop = slice.get(TagFromName.ImageOrientationPatient).getDoubleValues();
        double[] spacing = slice.get(TagFromName.PixelSpacing).getDoubleValues();
        double[] p = new double[3];
        for (int a = 0; a < 3; a++) {
            p[a] = ipp[a] + (column - 0.5) * spacing[1] * iop[a] + (row - 0.5) * spacing[0] * iop[3 + a];
        }
        return p;
    }

    private static AttributeList slice(List<Path> ctFiles, String sopInstanceUid) throws Exception {
        for (Path f : ctFiles) {
            AttributeList header = read(f, false);
            if (sopInstanceUid.equals(header.get(TagFromName.SOPInstanceUID).getSingleStringValueOrEmptyString())) {
                return header;
            }
        }
        throw new AssertionError("the SR references SOP instance " + sopInstanceUid + ", which is not in the CT");
    }

    private static AttributeList read(Path file, boolean withPixels) throws Exception {
        AttributeList list = new AttributeList();
        if (withPixels) {
            list.read(file.toFile());
        } else {
            list.read(file.toString(), TagFromName.PixelData);
        }
        return list;
    }

    private static List<ContentItem> children(ContentItem item) {
        List<ContentItem> children = new ArrayList<>();
        for (int n = 0; n < item.getChildCount(); n++) {
            children.add((ContentItem) item.getChildAt(n));
        }
        return children;
    }

    private static List<ContentItem> all(ContentItem root) {
        List<ContentItem> items = new ArrayList<>(List.of(root));
        children(root).forEach(c -> items.addAll(all(c)));
        return items;
    }
}
