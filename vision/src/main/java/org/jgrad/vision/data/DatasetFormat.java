package org.jgrad.vision.data;

import java.util.Locale;

/** The dataset layouts jgrad reads; {@link DatasetReader} detects one, or a flag forces it. */
public enum DatasetFormat {
    /** {@code image,MEL,NV,BCC,AK,BKL,DF,VASC,SCC,UNK}, one-hot; metadata CSV with {@code lesion_id}. */
    ISIC_2019,
    /** {@code image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target}. */
    ISIC_2020,
    /** {@code image_id,melanoma,seborrheic_keratosis}. */
    ISIC_2017,
    /** One folder per class ({@code benign/ malignant/} or {@code nevus/ seborrheic_keratosis/ melanoma/}). */
    FOLDERS;

    /** Parses {@code isic2019}, {@code isic-2019}, {@code ISIC_2019}, {@code folders}, ... */
    public static DatasetFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (t) {
            case "isic2019" -> ISIC_2019;
            case "isic2020" -> ISIC_2020;
            case "isic2017" -> ISIC_2017;
            case "folders", "folder" -> FOLDERS;
            default -> throw new IllegalArgumentException(
                    "unknown dataset format '" + text + "' (expected isic2019, isic2020, isic2017 or folders)");
        };
    }
}
