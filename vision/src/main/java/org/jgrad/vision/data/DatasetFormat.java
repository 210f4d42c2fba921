package org.jgrad.vision.data;

import java.util.Locale;

/** The dataset layouts jgrad reads; {@link DatasetReader} detects one, or a flag forces it. */
public enum DatasetFormat {
    /** {@code image,MEL,NV,BCC,AK,BKL,DF,VASC,SCC,UNK}, one-hot; metadata CSV with {@code lesion_id}. */
    ISIC_2019,
    /** {@code image,MEL,NV,BCC,AKIEC,BKL,DF,VASC}, one-hot; lesion groupings CSV; Training/Validation/Test. */
    ISIC_2018,
    /** {@code image_name,patient_id,...,benign_malignant,target} (ISIC site or the SIIM-ISIC Kaggle download). */
    ISIC_2020,
    /** {@code image_id,melanoma,seborrheic_keratosis}; Training/Validation/Test_v2. */
    ISIC_2017,
    /** {@code ISBI2016_ISIC_Part3_*_GroundTruth.csv} without header; Training/Test. */
    ISIC_2016,
    /** {@code HAM10000_metadata.csv}: {@code lesion_id,image_id,dx,dx_type,age,sex,localization}. */
    HAM10000,
    /** One folder per class ({@code benign/ malignant/} or {@code nevus/ seborrheic_keratosis/ melanoma/}). */
    FOLDERS;

    /** The names {@link #parse} accepts, for messages. */
    public static final String NAMES = "isic2016, isic2017, isic2018, isic2019, isic2020, ham10000 or folders";

    /** Parses {@code isic2019}, {@code isic-2019}, {@code ISIC_2019}, {@code ham10000}, {@code folders}, ... */
    public static DatasetFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (t) {
            case "isic2016" -> ISIC_2016;
            case "isic2017" -> ISIC_2017;
            case "isic2018" -> ISIC_2018;
            case "isic2019" -> ISIC_2019;
            case "isic2020" -> ISIC_2020;
            case "ham10000", "ham" -> HAM10000;
            case "folders", "folder" -> FOLDERS;
            default ->
                throw new IllegalArgumentException("unknown dataset format '" + text + "' (expected " + NAMES + ")");
        };
    }

    /** True for downloads that ship an official train/validation/test division. */
    public boolean hasOfficialDivision() {
        return this == ISIC_2016 || this == ISIC_2017 || this == ISIC_2018 || this == FOLDERS;
    }
}
