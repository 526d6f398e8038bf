package org.lungcad.dicom.net;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.spool.InstanceSpool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each accepted transfer syntax arrives through storescu and is spooled as received, with its key attributes
 * read (the data set is inflated, byte-swapped or left compressed by PixelMed as needed).
 */
class TransferSyntaxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final List<ReceivedInstance> received = new CopyOnWriteArrayList<>();
    private StorageScp scp;

    @AfterEach
    void stop() {
        if (scp != null) {
            scp.close();
        }
    }

    @ParameterizedTest(name = "{2} via storescu {1}")
    @CsvSource({
            // encoder (dcmtk tool and options, run on a copy first, or none), storescu proposal, syntax expected
            "none,     --propose-implicit, 1.2.840.10008.1.2",
            "none,     --propose-deflated, 1.2.840.10008.1.2.1.99",
            "dcmconv +tb, --propose-big,   1.2.840.10008.1.2.2",
            "dcmcrle,  --propose-rle,      1.2.840.10008.1.2.5",
            "dcmcjpeg, --propose-lossless, 1.2.840.10008.1.2.4.70",
    })
    void storedInTheTransferSyntaxReceived(String encoder, String proposal, String expected) throws Exception {
        Path slice = SharedData.lidcSlices(1).get(0);
        if (!encoder.equals("none")) {
            Path encoded = temp.resolve("encoded.dcm");
            List<String> command = new ArrayList<>(List.of(encoder.split(" ")));
            command.addAll(List.of(slice.toString(), encoded.toString()));
            Dcmtk.Result encode = Dcmtk.run(TIMEOUT, command.toArray(String[]::new));
            assertThat(encode.exitCode()).as(encode.output()).isZero();
            slice = encoded;
        }
        scp = new StorageScp(StorageScpConfig.defaults("LUNGCAD", 0), new InstanceSpool(temp.resolve("spool")),
                received::add);
        scp.start();

        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "PACS", "-aec", "LUNGCAD", proposal,
                "--required", "127.0.0.1", String.valueOf(scp.port()), slice.toString()));
        Dcmtk.Result store = Dcmtk.run(TIMEOUT, command.toArray(String[]::new));

        assertThat(store.exitCode()).as(store.output()).isZero();
        assertThat(received).singleElement().satisfies(instance -> {
            assertThat(instance.transferSyntaxUid()).isEqualTo(expected);
            assertThat(instance.modality()).isEqualTo("CT");
            AttributeList list = new AttributeList();
            list.read(instance.file().toFile(), TagFromName.PixelData);
            assertThat(Attribute.getSingleStringValueOrNull(list, TagFromName.TransferSyntaxUID)).isEqualTo(expected);
            assertThat(Attribute.getSingleStringValueOrNull(list, TagFromName.SOPInstanceUID))
                    .isEqualTo(instance.sopInstanceUid());
        });
    }
}
