package org.lungcad.dicom.series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which of a study's qualified CT series to analyse when it brings several (a thin lung kernel, a thin soft-tissue
 * kernel, thick reformats): data-driven preferences in a fixed order — thinner slices first, then a lung or sharp
 * reconstruction kernel, then longer coverage along the slice normal, then more slices; the lower series number, then
 * the UID break a tie. Every series not chosen gets a sentence naming the chosen one and what decided it.
 *
 * @param sharpKernels        ConvolutionKernel values (whole value, case-insensitive regular expressions) that count
 *                            as lung or sharp; one of a multi-valued kernel matching is enough
 * @param thicknessToleranceMm slice thicknesses closer than this count as equal
 * @param coverageToleranceMm  coverages closer than this count as equal
 */
public record SeriesPreference(List<Pattern> sharpKernels, double thicknessToleranceMm, double coverageToleranceMm) {

    /**
     * Lung and sharp kernels of the major vendors: GE LUNG, BONE, BONEPLUS, EDGE; Siemens B/Br/I/Hr from 50 up and the
     * Bl lung kernels; Philips L, C, D, YA–YD; Canon (Toshiba) FC50–FC59 and FC80–FC89; and any value naming LUNG or
     * SHARP.
     */
    public static final List<String> DEFAULT_SHARP_KERNELS = List.of(
            "LUNG", "BONE", "BONEPLUS", "EDGE",
            "(B|BR|I|HR)[5-9][0-9][A-Z]?", "BL[0-9]{2}[A-Z]?",
            "L", "C", "D", "Y[A-D]",
            "FC5[0-9]", "FC8[0-9]",
            ".*LUNG.*", ".*SHARP.*");

    public SeriesPreference {
        sharpKernels = List.copyOf(Objects.requireNonNull(sharpKernels, "sharpKernels"));
        if (!(thicknessToleranceMm >= 0) || !(coverageToleranceMm >= 0)) {
            throw new IllegalArgumentException("tolerances must be >= 0");
        }
    }

    public static SeriesPreference defaults() {
        return of(DEFAULT_SHARP_KERNELS);
    }

    /** With these kernel expressions and the default tolerances (0.05 mm thickness, 10 mm coverage). */
    public static SeriesPreference of(List<String> sharpKernelExpressions) {
        return new SeriesPreference(sharpKernelExpressions.stream()
                .map(e -> Pattern.compile(e, Pattern.CASE_INSENSITIVE)).toList(), 0.05, 10);
    }

    /** The choice among a study's qualified series: the chosen one, and why each other one was not chosen. */
    public record Choice(SeriesHeader chosen, List<NotChosen> notChosen) {
    }

    /** A series passed over, with the sentence that says why (for its skip reason). */
    public record NotChosen(SeriesHeader series, String reason) {
    }

    /** @param candidates the study's qualified series (at least one) */
    public Choice choose(List<SeriesHeader> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no series to choose from");
        }
        List<SeriesHeader> ranked = new ArrayList<>(candidates);
        ranked.sort(this::compare);
        SeriesHeader best = ranked.get(0);
        List<NotChosen> others = ranked.subList(1, ranked.size()).stream()
                .map(s -> new NotChosen(s, "series " + describe(best) + " was chosen for this study: "
                        + decidingDifference(best, s) + " (this series: " + describe(s) + ")"))
                .toList();
        return new Choice(best, others);
    }

    /** Whether the kernel counts as lung or sharp. */
    public boolean isSharp(String convolutionKernel) {
        for (String value : convolutionKernel.split("\\\\")) {
            String v = value.trim();
            if (!v.isEmpty() && sharpKernels.stream().anyMatch(p -> p.matcher(v).matches())) {
                return true;
            }
        }
        return false;
    }

    private int compare(SeriesHeader a, SeriesHeader b) {
        if (Math.abs(a.sliceThicknessMm() - b.sliceThicknessMm()) > thicknessToleranceMm) {
            return Double.compare(a.sliceThicknessMm(), b.sliceThicknessMm());
        }
        if (isSharp(a.convolutionKernel()) != isSharp(b.convolutionKernel())) {
            return isSharp(a.convolutionKernel()) ? -1 : 1;
        }
        if (Math.abs(coverageMm(a) - coverageMm(b)) > coverageToleranceMm) {
            return Double.compare(coverageMm(b), coverageMm(a));
        }
        if (a.sliceCount() != b.sliceCount()) {
            return Integer.compare(b.sliceCount(), a.sliceCount());
        }
        Comparator<SeriesHeader> byNumber = Comparator.comparingInt(s -> s.seriesNumber().orElse(Integer.MAX_VALUE));
        return byNumber.thenComparing(SeriesHeader::seriesInstanceUid).compare(a, b);
    }

    private String decidingDifference(SeriesHeader chosen, SeriesHeader other) {
        if (Math.abs(chosen.sliceThicknessMm() - other.sliceThicknessMm()) > thicknessToleranceMm) {
            return "thinner slices";
        }
        if (isSharp(chosen.convolutionKernel()) != isSharp(other.convolutionKernel())) {
            return "a lung or sharp kernel";
        }
        if (Math.abs(coverageMm(chosen) - coverageMm(other)) > coverageToleranceMm) {
            return "longer coverage";
        }
        if (chosen.sliceCount() != other.sliceCount()) {
            return "more slices";
        }
        return "equal by every preference; the lower series number";
    }

    /** Extent along the slice normal, centre of the first slice to centre of the last plus one spacing. */
    static double coverageMm(SeriesHeader s) {
        return s.sliceCount() * s.sliceSpacingMm();
    }

    private static String describe(SeriesHeader s) {
        return String.format(Locale.ROOT, "%s%s, %s mm, kernel %s, %d slices, %.0f mm", s.seriesInstanceUid(),
                s.seriesNumber().isPresent() ? " (number " + s.seriesNumber().getAsInt() + ")" : "",
                SeriesQualifier.mm(s.sliceThicknessMm()), s.convolutionKernel().isEmpty() ? "(none)"
                        : s.convolutionKernel(), s.sliceCount(), coverageMm(s));
    }
}
