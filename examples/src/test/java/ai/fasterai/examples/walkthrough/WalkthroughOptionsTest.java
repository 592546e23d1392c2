/*
 * Copyright 2026 The fasterai4j authors. Licensed under the Apache License, Version 2.0.
 */
package ai.fasterai.examples.walkthrough;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The walkthrough's flags: defaults, modes, overrides and the messages bad flags get. */
class WalkthroughOptionsTest {

    @Test
    void quickModeSetsSmallDefaultsThatLaterFlagsOverride() {
        WalkthroughOptions quick = WalkthroughOptions.parse("--epochs", "3", "--quick");
        assertTrue(quick.isQuick());
        assertEquals(3, quick.epochs);
        assertEquals(2000, quick.limit);
        assertEquals(1000, quick.testLimit);
        assertEquals(1, quick.teacherEpochs);
        WalkthroughOptions full = WalkthroughOptions.parse("--full", "--out", "x");
        assertEquals(1.0, full.width);
        assertEquals(0, full.limit);
        assertEquals(Path.of("x"), full.getOut());
        WalkthroughOptions defaults = WalkthroughOptions.defaults();
        assertEquals(0.25, defaults.width);
        assertEquals(20_000, defaults.limit);
        assertEquals(50, defaults.sparsity);
        assertEquals(3, defaults.teacherEpochs);
        assertEquals(16, defaults.teacherDepth);
        assertEquals(19, full.teacherDepth);
        assertEquals(2, WalkthroughOptions.parse("--teacher-epochs", "2").teacherEpochs);
    }

    @Test
    void badFlagsNameTheFlagTheValueAndWhatIsAllowed() {
        assertMessage("unknown option --epoch; allowed: --epochs", "--epoch", "2");
        assertMessage("--epochs must be >= 1, got 0", "--epochs", "0");
        assertMessage("--limit must be an integer, got many", "--limit", "many");
        assertMessage("--sparsity must be in (0, 100), got 100", "--sparsity", "100");
        assertMessage("--device must be cpu, gpu or gpuN, got tpu", "--device", "tpu");
        assertMessage("--teacher-depth must be 11, 13, 16 or 19, got 18", "--teacher-depth", "18");
        assertMessage("--out needs a value", "--out");
        assertMessage("--quick and --full exclude each other", "--quick", "--full");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> WalkthroughOptions.parse(args));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
