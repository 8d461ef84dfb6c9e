namespace CnnMem.Reports;

/// <summary>Memory figures. <see cref="Naive"/> is the textbook method; the framework model adds inference and training beside it.</summary>
public sealed record MemoryReport(NaiveMemory Naive);
