namespace CnnMem.Tests.Memory;

/// <summary>One compared figure: model, batch, figure name, the oracle's measurement, cnnmem's estimate, and the tolerance it must meet.</summary>
public sealed record OracleRow(string Model, long Batch, string Figure, long Measured, long Estimated, double Tolerance)
{
    public double Error => Measured == 0 ? (Estimated == 0 ? 0 : 1) : (double)(Estimated - Measured) / Measured;

    public bool Within => Math.Abs(Error) <= Tolerance;
}
