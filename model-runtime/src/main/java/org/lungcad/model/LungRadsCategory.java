package org.lungcad.model;

/** Lung-RADS v2022 assessment categories a single nodule on a baseline screening CT can receive. */
public enum LungRadsCategory {
    CATEGORY_1("1", "Negative"),
    CATEGORY_2("2", "Benign"),
    CATEGORY_3("3", "Probably benign"),
    CATEGORY_4A("4A", "Suspicious"),
    CATEGORY_4B("4B", "Very suspicious"),
    /** Category 3 or 4 with additional features that increase the suspicion of malignancy. */
    CATEGORY_4X("4X", "Very suspicious");

    private final String code;
    private final String descriptor;

    LungRadsCategory(String code, String descriptor) {
        this.code = code;
        this.descriptor = descriptor;
    }

    /** The code as printed in a report: "1", "2", "3", "4A", "4B", "4X". */
    public String code() {
        return code;
    }

    /** The category's short descriptor from the Lung-RADS v2022 table. */
    public String descriptor() {
        return descriptor;
    }

    /** The category for a report code such as "4A". */
    public static LungRadsCategory fromCode(String code) {
        for (LungRadsCategory c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a Lung-RADS category: " + code);
    }
}
