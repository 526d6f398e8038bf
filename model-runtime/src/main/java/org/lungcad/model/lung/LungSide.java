package org.lungcad.model.lung;

/** Which lung a voxel belongs to; patient left is +x in LPS. */
public enum LungSide {
    NONE, RIGHT, LEFT;

    static LungSide ofLabel(byte label) {
        return label == 1 ? RIGHT : label == 2 ? LEFT : NONE;
    }

    byte label() {
        return (byte) ordinal();
    }
}
