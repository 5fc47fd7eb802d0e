#pragma once
// STREAM-style triad a[i] = b[i] + s c[i] (McCalpin), measured in the benchmark binary itself so
// that "fraction of the bandwidth bound" refers to this machine, this run, these threads.

namespace contagion::bench {

/// Sustained triad bandwidth in bytes/s (24 bytes per element, STREAM's convention: write
/// allocation not counted), best of several repetitions on arrays far larger than the caches.
double triad_bandwidth(int threads);

}  // namespace contagion::bench
