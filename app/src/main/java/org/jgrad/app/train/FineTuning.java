package org.jgrad.app.train;

/**
 * How a run that starts from pretrained weights is fine-tuned: the classifier head alone for the
 * first {@code headEpochs} epochs (the backbone frozen, its batch-norm statistics kept), so that a
 * fresh head does not send large gradients into the pretrained features; then the whole network,
 * the backbone at {@code backboneLrScale} × the learning rate.
 *
 * @param pretrained      the published weights the run started from (e.g. timm/resnet18.tv_in1k),
 *                        or null for a user's {@code --init-from} file
 * @param headEpochs      epochs that train the head only (0 = the whole network from the start)
 * @param backboneLrScale the backbone's learning rate relative to the head's, in (0, 1]
 */
public record FineTuning(String pretrained, int headEpochs, double backboneLrScale) {
    /** --pretrained's schedule: two epochs of head, then the backbone at a tenth of the rate. */
    public static final int PRETRAINED_HEAD_EPOCHS = 2;

    public static final double PRETRAINED_BACKBONE_LR_SCALE = 0.1;

    public FineTuning {
        if (headEpochs < 0) throw new IllegalArgumentException("--head-epochs must be ≥ 0, got " + headEpochs);
        if (!(backboneLrScale > 0 && backboneLrScale <= 1)) {
            throw new IllegalArgumentException("--backbone-lr-scale must lie in (0, 1], got " + backboneLrScale);
        }
    }

    /**
     * The schedule from the command line: {@code headEpochs} and {@code backboneLrScale} when given
     * (null otherwise), defaults of --pretrained (2, 0.1) or of --init-from (0, 1: the whole
     * network at one rate, as before). Null when the run starts from scratch.
     */
    public static FineTuning of(
            String pretrained, boolean initFrom, Integer headEpochs, Double backboneLrScale, boolean freezeBackbone) {
        if (pretrained == null && !initFrom) {
            if (headEpochs != null || backboneLrScale != null) {
                throw new IllegalArgumentException(
                        "--head-epochs and --backbone-lr-scale fine-tune pretrained weights: add --pretrained or --init-from FILE");
            }
            return null;
        }
        if (freezeBackbone) {
            if (headEpochs != null || backboneLrScale != null) {
                throw new IllegalArgumentException(
                        "--freeze-backbone trains the head for the whole run: leave out --head-epochs and --backbone-lr-scale");
            }
            return new FineTuning(pretrained, 0, 1);
        }
        boolean published = pretrained != null;
        return new FineTuning(
                pretrained,
                headEpochs != null ? headEpochs : published ? PRETRAINED_HEAD_EPOCHS : 0,
                backboneLrScale != null ? backboneLrScale : published ? PRETRAINED_BACKBONE_LR_SCALE : 1);
    }

    /** Whether epoch {@code epoch} (1-based) trains the head alone. */
    public boolean headOnly(int epoch) {
        return epoch <= headEpochs;
    }

    /** One line for the console. */
    public String describe(int epochs) {
        String whole = backboneLrScale == 1
                ? "the whole network"
                : "the whole network, the backbone at " + backboneLrScale + " × the learning rate";
        if (headEpochs == 0) return "fine-tuning: " + whole;
        if (headEpochs >= epochs) {
            return "fine-tuning: the head only (backbone frozen) in every epoch, as --head-epochs " + headEpochs
                    + " ≥ --epochs " + epochs;
        }
        return "fine-tuning: epochs 1-" + headEpochs + " train the head only (backbone frozen), then " + whole;
    }
}
