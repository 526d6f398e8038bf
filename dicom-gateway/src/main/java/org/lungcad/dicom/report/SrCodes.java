package org.lungcad.dicom.report;

/**
 * Every coded concept the writers use, with its source. Standard codes come from PS3.16 (DCM, and SNOMED CT,
 * LOINC, UCUM as PS3.16 uses them) and RadLex; where no standard concept exists the code is in our private scheme
 * {@link #PRIVATE_SCHEME}, declared in the SR's Coding Scheme Identification Sequence.
 */
final class SrCodes {

    /** Private coding scheme: "99" prefix as PS3.16 section 8.2 reserves for private schemes. */
    static final String PRIVATE_SCHEME = "99LUNGCAD";
    static final String PRIVATE_SCHEME_NAME = "LungCAD private codes";
    static final String PRIVATE_SCHEME_ORGANIZATION = "LungCAD project";

    // TID 1500 document structure (PS3.16 DCM)
    static final Code IMAGING_MEASUREMENT_REPORT = dcm("126000", "Imaging Measurement Report");
    static final Code LANGUAGE = dcm("121049", "Language of Content Item and Descendants");
    static final Code ENGLISH_US = new Code("en-US", "RFC5646", "English (United States)");
    static final Code PROCEDURE_REPORTED = dcm("121058", "Procedure reported");
    /**
     * CID 100 holds no chest CT procedure, and PixelMed's validator rejects codes outside it: the body region is
     * given as Target Region = Chest in the image library instead.
     */
    static final Code CT_UNSPECIFIED_BODY_REGION = new Code("25045-6", "LN", "CT unspecified body region");
    static final Code IMAGE_LIBRARY = dcm("111028", "Image Library");
    static final Code IMAGE_LIBRARY_GROUP = dcm("126200", "Image Library Group");
    static final Code IMAGING_MEASUREMENTS = dcm("126010", "Imaging Measurements");
    static final Code MEASUREMENT_GROUP = dcm("125007", "Measurement Group");
    static final Code QUALITATIVE_EVALUATIONS = new Code("C0034375", "UMLS", "Qualitative Evaluations");
    static final Code COMMENT = dcm("121106", "Comment");

    // TID 1002 / 1004 observer context
    static final Code OBSERVER_TYPE = dcm("121005", "Observer Type");
    static final Code DEVICE = dcm("121007", "Device");
    static final Code DEVICE_OBSERVER_UID = dcm("121012", "Device Observer UID");
    static final Code DEVICE_OBSERVER_NAME = dcm("121013", "Device Observer Name");
    static final Code DEVICE_OBSERVER_MANUFACTURER = dcm("121014", "Device Observer Manufacturer");
    static final Code DEVICE_OBSERVER_MODEL_NAME = dcm("121015", "Device Observer Model Name");

    // TID 1602 image library entry descriptors
    static final Code MODALITY = dcm("121139", "Modality");
    static final Code COMPUTED_TOMOGRAPHY = dcm("CT", "Computed Tomography");
    static final Code TARGET_REGION = dcm("123014", "Target Region");
    static final Code CHEST = sct("51185008", "Chest");
    static final Code STUDY_DATE = dcm("111060", "Study Date");
    static final Code FRAME_OF_REFERENCE_UID = dcm("112227", "Frame of Reference UID");
    static final Code PIXEL_DATA_ROWS = dcm("110910", "Pixel Data Rows");
    static final Code PIXEL_DATA_COLUMNS = dcm("110911", "Pixel Data Columns");

    // TID 1410 / 1419 / 4108 measurement group
    static final Code TRACKING_IDENTIFIER = dcm("112039", "Tracking Identifier");
    static final Code TRACKING_UNIQUE_IDENTIFIER = dcm("112040", "Tracking Unique Identifier");
    static final Code FINDING = dcm("121071", "Finding");
    /** CID 6104 Abnormal Opacity Finding or Feature; also what highdicom's lung nodule example uses. */
    static final Code NODULE = sct("27925004", "Nodule");
    /** TID 1410 row 5; retired from recent PS3.16 editions but still what TID 1410 readers (PixelMed 2022, OHIF) use. */
    static final Code IMAGE_REGION = dcm("111030", "Image Region");
    static final Code FINDING_SITE = sct("363698007", "Finding Site");
    static final Code LUNG = sct("39607008", "Lung");
    static final Code DERIVATION = dcm("121401", "Derivation");
    static final Code MEAN = sct("373098007", "Mean");

    // measurements (TID 1419 row 5 NUM)
    static final Code LONG_AXIS = sct("103339001", "Long Axis");
    static final Code SHORT_AXIS = sct("103340004", "Short Axis");
    static final Code DIAMETER = sct("81827009", "Diameter");
    static final Code VOLUME = sct("118565006", "Volume");
    static final Code PROBABILITY_OF_CANCER = dcm("111047", "Probability of cancer");
    static final Code ATTENUATION_COEFFICIENT = dcm("112031", "Attenuation Coefficient");
    static final Code CERTAINTY_OF_FINDING = dcm("111012", "Certainty of Finding");

    // units (UCUM as in CID 7181 / 7460)
    static final Code MILLIMETER = ucum("mm", "millimeter");
    static final Code CUBIC_MILLIMETER = ucum("mm3", "cubic millimeter");
    static final Code HOUNSFIELD_UNIT = ucum("[hnsf'U]", "Hounsfield Unit");
    static final Code PERCENT = ucum("%", "percent");
    static final Code NO_UNITS = ucum("1", "no units");
    static final Code PIXELS = ucum("{pixels}", "pixels");

    // TID 4019 algorithm identification
    static final Code ALGORITHM_NAME = dcm("111001", "Algorithm Name");
    static final Code ALGORITHM_VERSION = dcm("111003", "Algorithm Version");
    static final Code ALGORITHM_PARAMETERS = dcm("111002", "Algorithm Parameters");

    // nodule composition values: RadLex, as in the QIICR conversion of the LIDC-IDRI annotations to DICOM SR
    static final Code SOLID_NODULE = radlex("RID50151", "solid pulmonary nodule");
    static final Code PART_SOLID_NODULE = radlex("RID50152", "part-solid pulmonary nodule");
    static final Code NON_SOLID_NODULE = radlex("RID50153", "non-solid pulmonary nodule");

    // private: no standard concept found
    static final Code NODULE_COMPOSITION = lungcad("LC0001", "Nodule composition");
    static final Code CALCIFIED_NODULE = lungcad("LC0002", "calcified pulmonary nodule");
    static final Code LUNG_RADS_CATEGORY = lungcad("LC0003", "Lung-RADS v2022 category");
    static final Code MALIGNANCY_MODEL_FACTOR = lungcad("LC0004", "Brock model factor");

    private SrCodes() {
    }

    /** SNOMED CT codes of the lobes; laterality is in the concept so that viewers that show one code say it. */
    static Code lobe(LungLobe lobe) {
        return switch (lobe) {
            case RIGHT_UPPER -> sct("42400003", "Upper lobe of right lung");
            case RIGHT_MIDDLE -> sct("72481006", "Middle lobe of right lung");
            case RIGHT_LOWER -> sct("266005", "Lower lobe of right lung");
            case LEFT_UPPER -> sct("44714003", "Upper lobe of left lung");
            case LEFT_LOWER -> sct("41224006", "Lower lobe of left lung");
            case UNKNOWN -> LUNG;
        };
    }

    static Code composition(NoduleType type) {
        return switch (type) {
            case SOLID -> SOLID_NODULE;
            case PART_SOLID -> PART_SOLID_NODULE;
            case GROUND_GLASS -> NON_SOLID_NODULE;
            case CALCIFIED -> CALCIFIED_NODULE;
        };
    }

    static Code lungRads(String category) {
        return lungcad("LR" + category, "Lung-RADS " + category);
    }

    private static Code dcm(String value, String meaning) {
        return new Code(value, "DCM", meaning);
    }

    private static Code sct(String value, String meaning) {
        return new Code(value, "SCT", meaning);
    }

    private static Code ucum(String value, String meaning) {
        return new Code(value, "UCUM", meaning);
    }

    private static Code radlex(String value, String meaning) {
        return new Code(value, "RADLEX", meaning);
    }

    private static Code lungcad(String value, String meaning) {
        return new Code(value, PRIVATE_SCHEME, meaning);
    }
}
