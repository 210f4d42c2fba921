package org.jgrad.app.eval;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** A test set with very few images of one class gets a note that its AUC says little. */
class EvaluationNotesTest {
    @Test
    void fewImagesOfAClassAreNoted() {
        String one = Evaluation.fewImagesNote(1, 200);
        assertNotNull(one);
        assertTrue(one.startsWith("only 1 malignant image:") && one.contains("1.00"), one);
        String benign = Evaluation.fewImagesNote(50, 4);
        assertTrue(benign.startsWith("only 4 benign images:") && benign.contains("0.25"), benign);
        assertNull(Evaluation.fewImagesNote(Evaluation.FEW, Evaluation.FEW), "enough of both");
        assertNull(Evaluation.fewImagesNote(0, 30), "no malignant image at all: the AUC's own note says it is undefined");
    }
}
