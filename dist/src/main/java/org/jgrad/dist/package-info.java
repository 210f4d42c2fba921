/**
 * Data-parallel training across threads or processes: every rank holds a full copy of the model,
 * trains on its own part of each batch, and the ranks average their gradients before each
 * optimizer step, so all copies stay identical.
 *
 * <p>{@link org.jgrad.dist.Communicator} is the collective-operations interface (all-reduce,
 * broadcast, barrier); {@link org.jgrad.dist.LocalCommunicator} runs a group as threads of one JVM,
 * {@link org.jgrad.dist.TcpRingCommunicator} as processes joined in a TCP ring, set up by
 * {@link org.jgrad.dist.Rendezvous} from environment variables. {@link org.jgrad.dist.DistributedTraining}
 * is what a training loop calls: broadcast the initial weights, average gradients in buckets, check
 * now and then that the copies still agree. See docs/SCALE-OUT.md.
 */
package org.jgrad.dist;
