namespace CnnMem.Import.Keras;

/// <summary>A model input: its name, the config that declares it, and its shape (batch first) when the config holds it under another key.</summary>
internal sealed record KerasInput(string Name, JsonAt Config, JsonAt? Shape = null);
