package org.lungcad.dicom.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.testing.TestData;

/** Secondary Capture key images of the real LIDC-IDRI-0001 CT: valid, referenced, visibly marked and bannered. */
class FindingOverlayWriterTest {

    /** Where the renderings are left for a person to look at. */
    private static final Path PNG_FOLDER = Path.of(System.getProperty("java.io.tmpdir"), "lungcad-report-png");

    @TempDir
    Path temp;

    @BeforeAll
    static void loadCt() throws Exception {
        LidcFixture.load();
    }

    @Test
    void findingAndSummaryImagesValidateAndReferenceTheCentreSlice() throws Exception {
        ReportedFinding finding = LidcFixture.luna16Nodule("Nodule 1");
        ReportRequest request = LidcFixture.request(List.of(finding), "sc-one");

        List<RenderedOverlay> overlays = new FindingOverlayWriter().write(request, temp);
        FindingOverlayWriter.writePngs(overlays, PNG_FOLDER);
        Files.copy(overlays.get(0).dicom().file(), PNG_FOLDER.resolve("nodule-1.dcm"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(overlays).extracting(RenderedOverlay::name).containsExactly("nodule-1", "summary");
        for (RenderedOverlay overlay : overlays) {
            List<String> messages = Validators.dciodvfy(overlay.dicom().file());
            messages.forEach(line -> System.out.println("dciodvfy SC " + overlay.name() + ": " + line));
            assertThat(Validators.errors(messages)).as(overlay.name()).isEmpty();
            assertThat(overlay.dicom().sopInstanceUid()).startsWith("2.25.");
        }

        AttributeList sc = TestData.read(overlays.get(0).dicom().file(), false);
        String centreSlice = LidcFixture.volume().sopInstanceUids().get(finding.slice());
        assertThat(referencedSources(sc)).containsExactly(centreSlice);
        assertThat(value(sc, TagFromName.StudyInstanceUID)).isEqualTo(LidcFixture.series().header().studyInstanceUid());
        assertThat(value(sc, TagFromName.SeriesInstanceUID)).isEqualTo(request.overlaySeries().seriesInstanceUid());
        assertThat(value(sc, TagFromName.SeriesInstanceUID)).isNotEqualTo(request.reportSeries().seriesInstanceUid());
        assertThat(Attribute.getDelimitedStringValuesOrEmptyString(sc, TagFromName.ImageType)).isEqualTo("DERIVED\\SECONDARY");
        assertThat(value(sc, TagFromName.BurnedInAnnotation)).isEqualTo("YES");
        assertThat(value(sc, TagFromName.ConversionType)).isEqualTo("WSD");
        assertThat(value(sc, TagFromName.Manufacturer)).isEqualTo("LungCAD");
        assertThat(value(sc, TagFromName.SoftwareVersions)).isEqualTo(LidcFixture.ALGORITHM.version());
        // the learned model with its full checksum in the derivation, a short one burned into the image
        assertThat(value(sc, TagFromName.DerivationDescription)).contains("learned model test-fpr 0.0.1 sha256:"
                + "ab".repeat(32)).contains("computer-aided detection");
        assertThat(OverlayRenderer.signature(LidcFixture.ALGORITHM)).endsWith("learned model test-fpr 0.0.1 sha256:"
                + "ab".repeat(6));
        assertThat(value(sc, TagFromName.PatientID)).isEqualTo("LIDC-IDRI-0001");
        // the referenced slice is the one through the finding's centre: within half a slice of its z
        double[] position = TestData.position(LidcFixture.series().slices().get(finding.slice()).file());
        assertThat(Math.abs(position[2] - LidcFixture.LUNA16_CENTRE[2])).isLessThanOrEqualTo(
                LidcFixture.volume().spacingZ() / 2);

        BufferedImage marked = ImageIO.read(new ByteArrayInputStream(overlays.get(0).png()));
        assertThat(marked.getWidth()).isEqualTo(512);
        assertThat(distinctColours(marked, 0, marked.getHeight())).isGreaterThan(50);
        // the banner: the top band holds the yellow banner text on a dark band
        assertThat(countBannerPixels(marked)).isGreaterThan(100);
        // the mark: red pixels at the long axis' mid point (the nodule's centre)
        double[] centre = finding.centreVoxel();
        assertThat(isMarkRed(marked.getRGB((int) Math.round(centre[0] + 0.5), (int) Math.round(centre[1] + 0.5))))
                .isTrue();
    }

    @Test
    void noFindingGivesOneSummaryImageThatValidates() throws Exception {
        List<RenderedOverlay> overlays = new FindingOverlayWriter()
                .write(LidcFixture.request(List.of(), "sc-none"), temp);
        FindingOverlayWriter.writePngs(overlays, PNG_FOLDER.resolve("no-finding"));

        assertThat(overlays).singleElement().satisfies(o -> assertThat(o.name()).isEqualTo("summary"));
        List<String> messages = Validators.dciodvfy(overlays.get(0).dicom().file());
        messages.forEach(line -> System.out.println("dciodvfy SC no finding: " + line));
        assertThat(Validators.errors(messages)).isEmpty();
        BufferedImage summary = ImageIO.read(new ByteArrayInputStream(overlays.get(0).png()));
        assertThat(countBannerPixels(summary)).isGreaterThan(100);
        assertThat(Files.exists(PNG_FOLDER.resolve("no-finding/summary.png"))).isTrue();
    }

    private static List<String> referencedSources(AttributeList sc) {
        SequenceAttribute sources = (SequenceAttribute) sc.get(TagFromName.SourceImageSequence);
        return java.util.stream.IntStream.range(0, sources.getNumberOfItems())
                .mapToObj(n -> value(sources.getItem(n).getAttributeList(), TagFromName.ReferencedSOPInstanceUID))
                .toList();
    }

    private static String value(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }

    private static int distinctColours(BufferedImage image, int fromRow, int toRow) {
        Set<Integer> colours = new HashSet<>();
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    private static int countBannerPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight() / 12; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r > 200 && g > 150 && b < 80) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean isMarkRed(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return r > 200 && g < 120 && b < 120;
    }
}
