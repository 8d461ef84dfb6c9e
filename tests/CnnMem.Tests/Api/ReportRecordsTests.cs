using System.Reflection;
using CnnMem.Reports;

namespace CnnMem.Tests.Api;

/// <summary>
/// Report records take their members as <c>init</c>-only properties (<c>required</c> where a figure must always be
/// given), never as a positional constructor: a field added to a report record is then a new property, and no
/// caller's constructor call breaks. A public constructor with parameters on a public record of CnnMem.Reports fails.
/// </summary>
public class ReportRecordsTests
{
    [Fact]
    public void ReportRecords_HaveNoPositionalConstructor()
    {
        var positional = ReportRecords()
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Any(c => c.GetParameters().Length > 0))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(positional.Count == 0, $"report records with a public constructor taking parameters (make them init-only properties): {string.Join(", ", positional)}");
    }

    [Fact]
    public void ReportRecords_AreFound()
    {
        // the reflection sees the records (a record is a class with a compiler-made clone method)
        var names = ReportRecords().Select(t => t.Name).ToList();
        Assert.Contains(nameof(LayerReport), names);
        Assert.Contains(nameof(Totals), names);
        Assert.Contains(nameof(AnalysisReport), names);
    }

    private static IEnumerable<Type> ReportRecords() =>
        typeof(Model).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "CnnMem.Reports" && t.IsClass && t.GetMethod("<Clone>$") is not null);
}
