package org.lungcad.e2e;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and derives test instances with dcmtk (dcmdump, dcmodify): the independent toolkit, not the product's. */
final class Dicom {

    private static final Pattern SERIES_UID = Pattern.compile("\\(0020,000e\\) UI \\[([0-9.]+)\\]");

    private Dicom() {
    }

    static String seriesInstanceUid(Path file) throws IOException, InterruptedException {
        Tools.Result r = Tools.run(List.of("dcmdump", "-Un", "+P", "0020,000e", file.toString()));
        Matcher m = SERIES_UID.matcher(r.output());
        if (!m.find()) {
            throw new IOException("no Series Instance UID in " + file + ": " + r.output());
        }
        return m.group(1);
    }

    static String transferSyntax(Path file) throws IOException, InterruptedException {
        Tools.Result r = Tools.run(List.of("dcmdump", "-Un", "-M", "+P", "0002,0010", file.toString()));
        Matcher m = Pattern.compile("\\(0002,0010\\) UI \\[([0-9.]+)\\]").matcher(r.output());
        if (!m.find()) {
            throw new IOException("no transfer syntax in " + file + ": " + r.output());
        }
        return m.group(1);
    }

    /** CT slices in order of their position along the patient z axis (file names say nothing about it). */
    static List<Path> sortedByZ(List<Path> files) throws Exception {
        java.util.Map<Path, Double> z = new java.util.HashMap<>();
        for (Path f : files) {
            com.pixelmed.dicom.AttributeList header = new com.pixelmed.dicom.AttributeList();
            header.read(f.toString(), com.pixelmed.dicom.TagFromName.PixelData);
            z.put(f, header.get(com.pixelmed.dicom.TagFromName.ImagePositionPatient).getDoubleValues()[2]);
        }
        return files.stream().sorted(java.util.Comparator.comparing(z::get)).toList();
    }

    /** A UID under the 2.25 root (UUID-derived), so test series never collide with real ones. */
    static String newUid() {
        UUID u = UUID.randomUUID();
        BigInteger value = new BigInteger(1, toBytes(u));
        return "2.25." + value;
    }

    /**
     * Copies files into {@code dir} as a new series (new Series and SOP Instance UIDs) with the given attribute
     * changes, e.g. {@code "(0008,0060)=MR"}. Returns the copies and the new Series Instance UID.
     */
    static DerivedSeries deriveSeries(List<Path> files, Path dir, String... modifications) throws Exception {
        Files.createDirectories(dir);
        String seriesUid = newUid();
        List<Path> copies = new ArrayList<>();
        for (Path f : files) {
            Path copy = dir.resolve(f.getFileName().toString());
            Files.copy(f, copy);
            List<String> command = new ArrayList<>(List.of("dcmodify", "-nb", "-m", "(0020,000e)=" + seriesUid,
                    "-m", "(0008,0018)=" + newUid()));
            for (String m : modifications) {
                command.add("-m");
                command.add(m);
            }
            command.add(copy.toString());
            Tools.Result r = Tools.run(command);
            if (r.exitCode() != 0) {
                throw new IOException("dcmodify failed: " + r.output());
            }
            copies.add(copy);
        }
        return new DerivedSeries(seriesUid, copies);
    }

    record DerivedSeries(String seriesInstanceUid, List<Path> files) {
    }

    private static byte[] toBytes(UUID u) {
        byte[] b = new byte[16];
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }
}
