package org.lungcad.dicom.report;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.util.List;
import org.lungcad.dicom.series.QualifiedSeries;
import org.lungcad.dicom.volume.StudyIdentity;
import org.lungcad.dicom.series.ReceivedInstance;

/**
 * The source CT's patient and study attributes, read from one of its files, and references to its slices. Outputs
 * copy these unchanged so that the PACS files them into the same patient and study. The values are never logged.
 */
final class SourceStudy {

    /** Patient and General Study module attributes (and Patient Study's age) that outputs copy. */
    private static final List<AttributeTag> COPIED = List.of(
            TagFromName.SpecificCharacterSet,
            TagFromName.PatientName, TagFromName.PatientID, TagFromName.IssuerOfPatientID,
            TagFromName.PatientBirthDate, TagFromName.PatientSex, TagFromName.PatientAge,
            TagFromName.StudyInstanceUID, TagFromName.StudyDate, TagFromName.StudyTime, TagFromName.StudyID,
            TagFromName.AccessionNumber, TagFromName.ReferringPhysicianName, TagFromName.StudyDescription);

    /** Type 2 attributes: present, empty when the source lacks them. */
    private static final List<AttributeTag> REQUIRED_EVEN_IF_EMPTY = List.of(
            TagFromName.PatientName, TagFromName.PatientID, TagFromName.PatientBirthDate, TagFromName.PatientSex,
            TagFromName.StudyDate, TagFromName.StudyTime, TagFromName.StudyID, TagFromName.AccessionNumber,
            TagFromName.ReferringPhysicianName);

    private final AttributeList header;
    private final QualifiedSeries series;

    private SourceStudy(AttributeList header, QualifiedSeries series) {
        this.header = header;
        this.series = series;
    }

    static SourceStudy read(QualifiedSeries series) throws IOException {
        return new SourceStudy(StudyIdentity.readHeader(series.slices().get(0).file()), series);
    }

    /** Copies the patient and study attributes into an output's list. */
    void copyPatientAndStudy(AttributeList target) throws DicomException {
        for (AttributeTag tag : REQUIRED_EVEN_IF_EMPTY) {
            DicomAttributes.putEmpty(target, tag);
        }
        for (AttributeTag tag : COPIED) {
            Attribute attribute = header.get(tag);
            if (attribute != null && attribute.getVM() > 0) {
                target.put(attribute);
            }
        }
        // the study is identified by the series, whatever the first file says
        DicomAttributes.put(target, TagFromName.StudyInstanceUID, series.header().studyInstanceUid());
    }

    String studyDate() {
        return Attribute.getSingleStringValueOrEmptyString(header, TagFromName.StudyDate).trim();
    }

    String studyInstanceUid() {
        return series.header().studyInstanceUid();
    }

    String seriesInstanceUid() {
        return series.header().seriesInstanceUid();
    }

    /** The slice at index k of the volume. */
    ReceivedInstance slice(int k) {
        return series.slices().get(k);
    }

    List<ReceivedInstance> slices() {
        return series.slices();
    }

    /** Current Requested Procedure Evidence Sequence: one study, one series, every slice used. */
    SequenceAttribute evidence() throws DicomException {
        AttributeList seriesItem = new AttributeList();
        DicomAttributes.put(seriesItem, TagFromName.SeriesInstanceUID, seriesInstanceUid());
        SequenceAttribute sops = new SequenceAttribute(TagFromName.ReferencedSOPSequence);
        for (ReceivedInstance slice : slices()) {
            sops.addItem(DicomAttributes.sopReference(slice.sopClassUid(), slice.sopInstanceUid()));
        }
        seriesItem.put(sops);
        AttributeList studyItem = new AttributeList();
        DicomAttributes.put(studyItem, TagFromName.StudyInstanceUID, studyInstanceUid());
        SequenceAttribute seriesSequence = new SequenceAttribute(TagFromName.ReferencedSeriesSequence);
        seriesSequence.addItem(seriesItem);
        studyItem.put(seriesSequence);
        SequenceAttribute evidence = new SequenceAttribute(TagFromName.CurrentRequestedProcedureEvidenceSequence);
        evidence.addItem(studyItem);
        return evidence;
    }
}
