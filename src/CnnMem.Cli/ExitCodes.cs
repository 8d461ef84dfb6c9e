namespace CnnMem.Cli;

/// <summary>The command's exit codes; part of its interface.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>fit</c>: some mode does not fit the budget even at batch 1 (said in the output). Also reserved for analysis problems under a future <c>--strict</c>.</summary>
    public const int AnalysisProblem = 1;

    /// <summary>Usage or input errors: bad options, missing or unreadable files, invalid models.</summary>
    public const int UsageOrInput = 2;

    /// <summary>A bug in cnnmem (sysexits' EX_SOFTWARE).</summary>
    public const int Internal = 70;
}
