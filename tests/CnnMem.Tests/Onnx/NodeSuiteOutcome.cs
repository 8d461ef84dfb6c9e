namespace CnnMem.Tests.Onnx;

/// <summary>How one ONNX backend node test case came out.</summary>
public enum NodeSuiteOutcome
{
    /// <summary>Every output's dtype and shape agree with the expected output tensors.</summary>
    Pass,

    /// <summary>All ops have rules but an output disagrees, or inference failed.</summary>
    Fail,

    /// <summary>Some node's op has no rule in the registry.</summary>
    Unsupported,

    /// <summary>The importer rejects the model (sequence/optional/sparse types, float8): outside cnnmem's scope.</summary>
    NotImportable,
}
