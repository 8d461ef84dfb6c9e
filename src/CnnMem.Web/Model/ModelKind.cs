namespace CnnMem.Web.Model;

/// <summary>Where the analysed model comes from: the spec editor, the built-in zoo, or a file read in the browser.</summary>
internal enum ModelKind
{
    /// <summary>The editor's text spec (the examples go into the editor).</summary>
    Spec,

    /// <summary>A torchvision network of the built-in zoo (<c>cnnmem zoo</c>).</summary>
    Zoo,

    /// <summary>An ONNX file (weights skipped while reading).</summary>
    Onnx,

    /// <summary>A Keras model: <c>model.to_json()</c>, a TensorFlow.js <c>model.json</c> or a Keras 3 <c>.keras</c> archive.</summary>
    Keras,
}
