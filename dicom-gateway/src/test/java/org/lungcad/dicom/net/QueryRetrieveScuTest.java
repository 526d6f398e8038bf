package org.lungcad.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungcad.dicom.series.ReceivedInstance;
import org.lungcad.dicom.spool.InstanceSpool;
import org.lungcad.dicom.spool.TestDicom;

/**
 * The Query/Retrieve SCU against dcmtk's {@code dcmqrscp} as the archive: a patient's earlier studies, their series,
 * and a C-MOVE into this gateway's own Storage SCP, as the follow-up comparison will fetch a prior.
 */
class QueryRetrieveScuTest {

    private static final String AE = "LUNGCAD";
    private static final String PATIENT = "SYN-QR-0001";
    private static final String ROOT = "1.2.826.0.1.3680043.8.498.77";

    @TempDir
    Path temp;

    private final List<ReceivedInstance> received = new CopyOnWriteArrayList<>();
    private final QueryRetrieveScu scu = new QueryRetrieveScu(Duration.ofSeconds(30));
    private Process archive;
    private DicomNode archiveNode;
    private StorageScp scp;
    private StorageScp.Threads threads;

    @BeforeEach
    void archiveWithThreeStudiesOfThePatientAndOneOfAnother() throws Exception {
        Dcmtk.assumeInstalled("dcmqrscp");
        StorageScpConfig config = StorageScpConfig.defaults(AE, 0);
        threads = StorageScp.Threads.forConfig(config);
        scp = new StorageScp(config, new InstanceSpool(temp.resolve("spool")), received::add,
                AssociationListener.NONE, threads, java.time.Clock.systemUTC());
        scp.start();

        Path db = Files.createDirectories(temp.resolve("db"));
        List<Path> files = new ArrayList<>();
        files.addAll(study(db, PATIENT, "1", "20230105", 2));
        files.addAll(study(db, PATIENT, "2", "20250601", 3));
        files.addAll(study(db, PATIENT, "3", "20261201", 2)); // the current study
        files.addAll(mr(study(db, PATIENT, "5", "20260601", 1))); // more recent, but no CT
        files.addAll(study(db, "SYN-QR-0002", "4", "20240301", 2));
        List<String> index = new ArrayList<>(List.of("dcmqridx", db.toString()));
        files.forEach(f -> index.add(f.toString()));
        Dcmtk.Result indexed = Dcmtk.run(Duration.ofSeconds(60), index.toArray(String[]::new));
        assertThat(indexed.exitCode()).as(indexed.output()).isZero();

        int port = freePort();
        Path cfg = temp.resolve("dcmqrscp.cfg");
        Files.writeString(cfg, String.join("\n",
                "NetworkTCPPort = " + port, "MaxPDUSize = 16384", "MaxAssociations = 16",
                "HostTable BEGIN", "lungcad = (" + AE + ", 127.0.0.1, " + scp.port() + ")", "HostTable END",
                "VendorTable BEGIN", "VendorTable END",
                "AETable BEGIN", "ARCHIVE " + db + " RW (200, 1024mb) ANY", "AETable END", ""));
        archive = Dcmtk.start("dcmqrscp", "-c", cfg.toString());
        archiveNode = new DicomNode("ARCHIVE", "127.0.0.1", port);
        awaitListening(port);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (archive != null) {
            archive.destroy(); // the dcmqrscp this test started
            archive.waitFor();
        }
        if (scp != null) {
            scp.close();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    @Test
    void findsThePatientsEarlierStudiesMostRecentFirstAndNotTheCurrentOrAnotherPatients() throws Exception {
        List<QueryRetrieveScu.StudyMatch> studies = scu.findStudies(archiveNode, AE, new QueryRetrieveScu.StudyQuery(
                PATIENT, null, LocalDate.of(2021, 12, 1), LocalDate.of(2026, 11, 30)));

        assertThat(studies).extracting(QueryRetrieveScu.StudyMatch::studyInstanceUid)
                .containsExactly(ROOT + ".5", ROOT + ".2", ROOT + ".1");
        assertThat(studies).extracting(QueryRetrieveScu.StudyMatch::studyDate)
                .containsExactly(LocalDate.of(2026, 6, 1), LocalDate.of(2025, 6, 1), LocalDate.of(2023, 1, 5));
        assertThat(studies).allSatisfy(s -> assertThat(s.patientId()).isEqualTo(PATIENT));
    }

    @Test
    void listsAStudysSeriesAndMovesOneIntoTheNodesOwnStorageScp() throws Exception {
        List<QueryRetrieveScu.SeriesMatch> series = scu.findSeries(archiveNode, AE, ROOT + ".2");
        assertThat(series).singleElement().satisfies(s -> {
            assertThat(s.seriesInstanceUid()).isEqualTo(ROOT + ".2.1");
            assertThat(s.modality()).isEqualTo("CT");
            // NumberOfSeriesRelatedInstances is an optional return key that dcmqrscp does not support: "unknown"
            assertThat(s.instances()).isEqualTo(-1);
        });

        QueryRetrieveScu.MoveOutcome moved = scu.move(archiveNode, AE, AE, ROOT + ".2", ROOT + ".2.1");

        assertThat(moved.success()).as(moved.toString()).isTrue();
        assertThat(received).extracting(ReceivedInstance::sopInstanceUid)
                .containsExactlyInAnyOrder(ROOT + ".2.1.1", ROOT + ".2.1.2", ROOT + ".2.1.3");
        assertThat(received).allSatisfy(r -> assertThat(r.callingAeTitle()).isEqualTo("ARCHIVE"));
    }

    @Test
    void aDestinationTheArchiveDoesNotKnowIsAFailureStatusNotAnException() throws Exception {
        QueryRetrieveScu.MoveOutcome moved = scu.move(archiveNode, AE, "NOBODY", ROOT + ".2", null);

        assertThat(moved.success()).isFalse();
        assertThat(moved.toString()).isEqualTo("0xA801"); // Refused: Move Destination unknown
        assertThat(received).isEmpty();
    }

    @Test
    void anArchiveThatIsDownIsAnIoExceptionNamingIt() throws Exception {
        DicomNode down = new DicomNode("ARCHIVE", "127.0.0.1", freePort());

        assertThatThrownBy(() -> scu.findStudies(down, AE, new QueryRetrieveScu.StudyQuery(PATIENT, null,
                LocalDate.of(2021, 12, 1), LocalDate.of(2026, 11, 30))))
                .isInstanceOf(IOException.class).hasMessageContaining(down.toString());
    }

    @Test
    void aQueryWithoutAPatientIdOrWithAWildcardIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new QueryRetrieveScu.StudyQuery(" ", null, LocalDate.MIN, LocalDate.MAX))
                .hasMessageContaining("Patient ID");
        assertThatThrownBy(() -> new QueryRetrieveScu.StudyQuery("SYN*", null, LocalDate.MIN, LocalDate.MAX))
                .hasMessageContaining("wildcard");
    }

    @Test
    void thePriorIsTheMostRecentEarlierStudyWithACtSeriesWithinTheLookBack() throws Exception {
        PriorStudySearch search = new PriorStudySearch(scu, archiveNode, AE, Period.ofYears(5));

        PriorStudySearch.Result found = search.find(new PriorStudySearch.CurrentStudy(ROOT + ".3", PATIENT, null,
                LocalDate.of(2026, 12, 1)));

        // study 5 (2026-06-01) is more recent but holds only MR
        assertThat(found.prior()).map(QueryRetrieveScu.StudyMatch::studyInstanceUid).hasValue(ROOT + ".2");
        assertThat(found.ctSeries()).extracting(QueryRetrieveScu.SeriesMatch::seriesInstanceUid)
                .containsExactly(ROOT + ".2.1");
        assertThat(found.reason()).isEqualTo("prior study " + ROOT + ".2 of 2025-06-01 (3 earlier studies of the"
                + " patient in the look-back)");
    }

    @Test
    void everyNoPriorHasItsReason() throws Exception {
        PriorStudySearch threeMonths = new PriorStudySearch(scu, archiveNode, AE, Period.ofMonths(3));
        assertThat(threeMonths.find(new PriorStudySearch.CurrentStudy(ROOT + ".3", PATIENT, null,
                LocalDate.of(2026, 12, 1))).reason())
                .isEqualTo("no comparison: no earlier study of the patient from 2026-09-01 to 2026-11-30 at "
                        + archiveNode);
        PriorStudySearch search = new PriorStudySearch(scu, archiveNode, AE, Period.ofYears(5));
        assertThat(search.find(new PriorStudySearch.CurrentStudy(ROOT + ".3", " ", null,
                LocalDate.of(2026, 12, 1))).reason()).isEqualTo("no comparison: the current study has no Patient ID");
        PriorStudySearch.Result mrOnly = new PriorStudySearch(scu, archiveNode, AE, Period.ofMonths(12))
                .find(new PriorStudySearch.CurrentStudy(ROOT + ".9", PATIENT, null, LocalDate.of(2026, 7, 1)));
        assertThat(mrOnly.prior()).isEmpty();
        assertThat(mrOnly.reason()).isEqualTo("no comparison: none of the patient's 1 earlier study has a CT series");
        // a prior is never looked for in another patient's record
        PriorStudySearch.Result other = search.find(new PriorStudySearch.CurrentStudy(ROOT + ".9", "SYN-QR-0003",
                null, LocalDate.of(2026, 12, 1)));
        assertThat(other.prior()).isEmpty();
    }

    private static List<Path> mr(List<Path> files) throws Exception {
        for (Path file : files) {
            AttributeList list = new AttributeList();
            list.read(file.toFile());
            CodeStringAttribute modality = new CodeStringAttribute(TagFromName.Modality);
            modality.addValue("MR");
            list.put(modality);
            UniqueIdentifierAttribute sopClass = new UniqueIdentifierAttribute(TagFromName.SOPClassUID);
            sopClass.addValue(SOPClass.MRImageStorage);
            list.put(sopClass);
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "TEST");
            list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        }
        return files;
    }

    /** A synthetic patient's study of one CT series; never a real patient's identity. */
    private static List<Path> study(Path db, String patientId, String n, String date, int instances)
            throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            Path file = db.resolve("s" + n + "-" + i + ".dcm");
            TestDicom.write(file, ROOT + "." + n, ROOT + "." + n + ".1", ROOT + "." + n + ".1." + i);
            AttributeList list = new AttributeList();
            list.read(file.toFile());
            LongStringAttribute id = new LongStringAttribute(TagFromName.PatientID);
            id.addValue(patientId);
            list.put(id);
            PersonNameAttribute name = new PersonNameAttribute(TagFromName.PatientName);
            name.addValue("SYNTHETIC^QR");
            list.put(name);
            DateAttribute studyDate = new DateAttribute(TagFromName.StudyDate);
            studyDate.addValue(date);
            list.put(studyDate);
            list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            files.add(file);
        }
        return files;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("dcmqrscp did not listen on " + port);
    }
}
