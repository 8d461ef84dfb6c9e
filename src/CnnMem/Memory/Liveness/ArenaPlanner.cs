namespace CnnMem.Memory.Liveness;

/// <summary>A planning strategy: a pure function from lifetimes to offsets and an arena size (offsets aligned to <paramref name="alignment"/> bytes).</summary>
internal delegate ArenaPlan ArenaPlanner(IReadOnlyList<TensorLifetime> lifetimes, long alignment);
