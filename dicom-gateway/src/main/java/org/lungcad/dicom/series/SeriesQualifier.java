package org.lungcad.dicom.series;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SOPClassDescriptions;
import com.pixelmed.dicom.TagFromName;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.lungcad.dicom.series.Qualification.Qualified;
import org.lungcad.dicom.series.Qualification.Skipped;

/**
 * Checks a completed series against {@link QualificationRules}, reading every instance's header (never the
 * pixel data). Rules run in a fixed order and the first failure is the reason; the result never throws for
 * bad input. Thread-safe: it holds only the immutable rules.
 */
public final class SeriesQualifier {

    /** Direction cosines of different slices may differ by this much (DS rounding). */
    private static final double ORIENTATION_TOLERANCE = 1e-3;

    private final QualificationRules rules;

    public SeriesQualifier(QualificationRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public Qualification qualify(CompletedSeries series) {
        try {
            return new Qualified(check(series));
        } catch (Rejection rejection) {
            return new Skipped(rejection.reason, rejection.getMessage());
        } catch (RuntimeException e) {
            // a header so malformed that a check itself failed: still a skip, never a crash of the caller
            return new Skipped(SkipReason.UNREADABLE, "the series headers could not be interpreted (" + e + ")");
        }
    }

    private QualifiedSeries check(CompletedSeries series) throws Rejection {
        List<String> notes = new ArrayList<>();
        List<InstanceHeader> all = readHeaders(series);
        if (all.stream().noneMatch(h -> SOPClass.isImageStorage(h.sopClassUid()))) {
            // a PDF, a structure set, a dose report: what the object is, not its modality, is why it is not analysed
            throw reject(SkipReason.NOT_ANALYSED_SOP_CLASS, "%s is not an image (modality %s); analysed: %s",
                    sopClassName(all.get(0).sopClassUid()),
                    all.get(0).modality().isEmpty() ? "absent" : all.get(0).modality(), String.join(", ",
                            rules.sopClassUids().stream().map(SeriesQualifier::sopClassName).sorted().toList()));
        }
        // other objects filed in the same series (a dose report, a screen capture) are dropped, not fatal
        List<InstanceHeader> ct = all.stream().filter(h -> rules.modalities().contains(h.modality())).toList();
        if (ct.isEmpty()) {
            throw reject(SkipReason.NOT_CT_MODALITY, "modality %s is not analysed (accepted: %s)",
                    all.get(0).modality().isEmpty() ? "(absent)" : all.get(0).modality(),
                    String.join(", ", new TreeSet<>(rules.modalities())));
        }
        List<InstanceHeader> images = ct.stream().filter(h -> rules.sopClassUids().contains(h.sopClassUid())).toList();
        if (images.isEmpty()) {
            throw reject(SkipReason.NOT_ANALYSED_SOP_CLASS, "SOP class %s is not analysed (accepted: %s)",
                    sopClassName(ct.get(0).sopClassUid()), String.join(", ",
                            rules.sopClassUids().stream().map(SeriesQualifier::sopClassName).sorted().toList()));
        }
        if (images.size() < all.size()) {
            notes.add((all.size() - images.size()) + " instance(s) of other modalities or SOP classes dropped");
        }
        for (InstanceHeader h : images) {
            if (h.sopClassUid().equals(QualificationRules.ENHANCED_CT_IMAGE_STORAGE) || h.numberOfFrames() > 1) {
                throw reject(SkipReason.MULTI_FRAME_NOT_SUPPORTED,
                        "Enhanced CT multi-frame input is not analysed yet (%s, %d frame(s) in one instance)",
                        sopClassName(h.sopClassUid()), h.numberOfFrames());
            }
        }
        List<InstanceHeader> slices = images.stream().filter(h -> !h.isLocalizer(rules)).toList();
        if (slices.isEmpty()) {
            throw reject(SkipReason.LOCALIZER, "all %d image(s) are localizers (ImageType %s)",
                    images.size(), String.join("\\", images.get(0).imageTypes()));
        }
        if (slices.size() < images.size()) {
            notes.add((images.size() - slices.size()) + " localizer image(s) dropped");
        }
        checkBodyPart(slices);
        Geometry geometry = checkGeometry(slices, notes);
        return new QualifiedSeries(series, geometry.sorted.stream().map(InstanceHeader::instance).toList(),
                header(series, geometry), notes);
    }

    private List<InstanceHeader> readHeaders(CompletedSeries series) throws Rejection {
        List<InstanceHeader> headers = new ArrayList<>(series.instances().size());
        for (ReceivedInstance instance : series.instances()) {
            try {
                headers.add(InstanceHeader.read(instance));
            } catch (Exception e) {
                throw reject(SkipReason.UNREADABLE, "file %s (SOP instance %s) could not be read as DICOM: %s",
                        instance.file().getFileName(), instance.sopInstanceUid(),
                        Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
            }
        }
        return headers;
    }

    private void checkBodyPart(List<InstanceHeader> slices) throws Rejection {
        Optional<String> bodyPart = slices.stream().map(InstanceHeader::bodyPartExamined).filter(s -> !s.isEmpty()).findFirst();
        if (bodyPart.isPresent() && !rules.bodyParts().isEmpty() && !rules.bodyParts().contains(bodyPart.get())) {
            throw reject(SkipReason.NOT_CHEST, "body part examined %s is not a chest region (accepted: %s)",
                    bodyPart.get(), String.join(", ", new TreeSet<>(rules.bodyParts())));
        }
    }

    /** The checked geometry of the kept slices, sorted along the slice normal. */
    private record Geometry(List<InstanceHeader> sorted, Vector3 row, Vector3 column, Vector3 normal,
                            double[] pixelSpacing, double thickness, double spacing) {
    }

    private Geometry checkGeometry(List<InstanceHeader> slices, List<String> notes) throws Rejection {
        InstanceHeader first = slices.get(0);
        for (InstanceHeader h : slices) {
            if (h.imagePositionPatient() == null || h.imageOrientationPatient() == null) {
                throw reject(SkipReason.MISSING_GEOMETRY,
                        "an image has no ImagePositionPatient or ImageOrientationPatient, so it cannot be placed in 3D");
            }
            if (h.frameOfReferenceUid().isEmpty()) {
                throw reject(SkipReason.MISSING_GEOMETRY, "an image has no FrameOfReferenceUID");
            }
            if (h.rows() <= 0 || h.columns() <= 0) {
                throw reject(SkipReason.MISSING_GEOMETRY, "an image has no Rows or Columns");
            }
        }
        double[] pixelSpacing = pixelSpacing(first);
        for (InstanceHeader h : slices) {
            if (h.rows() != first.rows() || h.columns() != first.columns()) {
                throw reject(SkipReason.INCONSISTENT_IMAGE_SIZE, "images differ in size: %d×%d and %d×%d (rows×columns)",
                        first.rows(), first.columns(), h.rows(), h.columns());
            }
            double[] other = pixelSpacing(h);
            if (Math.abs(other[0] - pixelSpacing[0]) > 1e-4 || Math.abs(other[1] - pixelSpacing[1]) > 1e-4) {
                throw reject(SkipReason.INCONSISTENT_IMAGE_SIZE, "images differ in pixel spacing: %s and %s mm",
                        mm(pixelSpacing[0]) + "\\" + mm(pixelSpacing[1]), mm(other[0]) + "\\" + mm(other[1]));
            }
        }
        Set<String> frames = new TreeSet<>(slices.stream().map(InstanceHeader::frameOfReferenceUid).toList());
        if (frames.size() > 1) {
            throw reject(SkipReason.MULTIPLE_FRAMES_OF_REFERENCE,
                    "the images use %d different frames of reference (FrameOfReferenceUID), so they do not form one volume",
                    frames.size());
        }
        double[] iop = first.imageOrientationPatient();
        Vector3 row = Vector3.of(iop).unit().orElse(null);
        Vector3 column = Vector3.of(Arrays.copyOfRange(iop, 3, 6)).unit().orElse(null);
        if (row == null || column == null || Math.abs(row.dot(column)) > 0.01) {
            throw reject(SkipReason.MISSING_GEOMETRY, "ImageOrientationPatient %s is not two orthogonal unit vectors",
                    Arrays.toString(iop));
        }
        for (InstanceHeader h : slices) {
            for (int a = 0; a < 6; a++) {
                if (Math.abs(h.imageOrientationPatient()[a] - iop[a]) > ORIENTATION_TOLERANCE) {
                    throw reject(SkipReason.INCONSISTENT_ORIENTATION, "images have different orientations: %s and %s",
                            Arrays.toString(iop), Arrays.toString(h.imageOrientationPatient()));
                }
            }
        }
        Vector3 normal = row.cross(column).unit().orElseThrow();
        double obliquity = Math.toDegrees(Math.acos(Math.min(1, Math.abs(normal.z()))));
        if (obliquity > rules.maxObliquityDegrees()) {
            throw reject(SkipReason.NOT_AXIAL,
                    "the slice normal is %s° from the patient z axis (oblique, sagittal or coronal); at most %s° is accepted",
                    deg(obliquity), deg(rules.maxObliquityDegrees()));
        }
        for (InstanceHeader h : slices) {
            if (Math.abs(h.gantryDetectorTilt()) > rules.maxGantryTiltDegrees()) {
                throw reject(SkipReason.GANTRY_TILT, "gantry/detector tilt %s° exceeds the accepted %s°",
                        deg(h.gantryDetectorTilt()), deg(rules.maxGantryTiltDegrees()));
            }
        }
        double thickness = first.sliceThickness();
        if (!Double.isNaN(thickness)
                && (thickness < rules.minSliceThicknessMm() || thickness > rules.maxSliceThicknessMm())) {
            throw reject(SkipReason.SLICE_THICKNESS_OUT_OF_RANGE, "slice thickness %s mm is outside the accepted %s–%s mm",
                    mm(thickness), mm(rules.minSliceThicknessMm()), mm(rules.maxSliceThicknessMm()));
        }
        List<InstanceHeader> sorted = slices.stream()
                .sorted(Comparator.comparingDouble(h -> h.imagePositionPatient().dot(normal))).toList();
        double spacing = new StackChecks(rules, sorted, normal).check();
        if (Double.isNaN(thickness)) {
            thickness = spacing;
            notes.add("SliceThickness absent: the measured slice spacing " + mm(spacing) + " mm is used");
        }
        return new Geometry(sorted, row, column, normal, pixelSpacing, thickness, spacing);
    }

    private double[] pixelSpacing(InstanceHeader h) throws Rejection {
        if (h.pixelSpacing() != null && h.pixelSpacing()[0] > 0 && h.pixelSpacing()[1] > 0) {
            return h.pixelSpacing();
        }
        double[] imager = rules.requirePixelSpacing() ? null
                : InstanceHeader.doubles(h.attributes(), TagFromName.ImagerPixelSpacing, 2);
        if (imager != null && imager[0] > 0 && imager[1] > 0) {
            return imager;
        }
        throw reject(SkipReason.MISSING_PIXEL_SPACING, "an image has no PixelSpacing, so sizes in mm cannot be measured");
    }

    private static SeriesHeader header(CompletedSeries series, Geometry g) {
        AttributeList a = g.sorted.get(0).attributes();
        double kvp = InstanceHeader.number(a, InstanceHeader.KVP);
        String seriesNumber = InstanceHeader.string(a, TagFromName.SeriesNumber);
        return new SeriesHeader(
                series.studyInstanceUid(),
                series.seriesInstanceUid(),
                g.sorted.get(0).frameOfReferenceUid(),
                g.sorted.get(0).sopClassUid(),
                g.sorted.get(0).modality(),
                InstanceHeader.string(a, TagFromName.Manufacturer),
                InstanceHeader.string(a, TagFromName.ManufacturerModelName),
                date(InstanceHeader.string(a, TagFromName.StudyDate)),
                InstanceHeader.string(a, TagFromName.SeriesDescription),
                seriesNumber.matches("[+-]?\\d{1,9}") ? OptionalInt.of(Integer.parseInt(seriesNumber)) : OptionalInt.empty(),
                g.sorted.get(0).bodyPartExamined(),
                String.join("\\", InstanceHeader.strings(a, TagFromName.ConvolutionKernel)),
                Double.isNaN(kvp) ? OptionalDouble.empty() : OptionalDouble.of(kvp),
                SeriesHeader.parsePatientAge(InstanceHeader.string(a, TagFromName.PatientAge)),
                SeriesHeader.parsePatientSex(InstanceHeader.string(a, TagFromName.PatientSex)),
                g.sorted.get(0).rows(),
                g.sorted.get(0).columns(),
                g.sorted.size(),
                g.pixelSpacing[0],
                g.pixelSpacing[1],
                g.thickness,
                g.spacing,
                g.row,
                g.column,
                g.normal);
    }

    private static Optional<LocalDate> date(String da) {
        try {
            return da.length() == 8 ? Optional.of(LocalDate.parse(da, DateTimeFormatter.BASIC_ISO_DATE)) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String sopClassName(String uid) {
        String name = SOPClassDescriptions.getDescriptionFromUID(uid);
        return name == null || name.isEmpty() ? uid : name + " (" + uid + ")";
    }

    /** Millimetres for a sentence: up to 3 decimals, at least one ("5.0", "0.703", "2.5"). */
    static String mm(double value) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 1 ? d.setScale(1).toPlainString() : d.toPlainString();
    }

    static String deg(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static Rejection reject(SkipReason reason, String format, Object... args) {
        return new Rejection(reason, String.format(java.util.Locale.ROOT, format, args));
    }

    /** A failed rule; an exception only to leave the chain of checks early, so it carries no stack trace. */
    static final class Rejection extends Exception {
        private static final long serialVersionUID = 1L;
        final SkipReason reason;

        Rejection(SkipReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
