/**
 * {@code jgrad train --nproc N}: data-parallel training in N processes on this machine.
 * {@link org.jgrad.app.dist.DataParallel} is a process's part in it (the launcher, which is rank 0,
 * or a launched rank); {@link org.jgrad.app.dist.ChildRanks} starts and watches the other ranks'
 * JVMs. The communication itself is the dist module's; see docs/SCALE-OUT.md.
 */
package org.jgrad.app.dist;
