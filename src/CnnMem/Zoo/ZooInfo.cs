using System.Collections.Immutable;

namespace CnnMem.Zoo;

/// <summary>
/// A zoo network as <c>cnnmem zoo</c> lists it: name, family, trainable parameters, the default input of one
/// sample (channels, height, width) and a note where cnnmem follows torchvision's default over the inference network.
/// </summary>
internal sealed record ZooInfo(string Name, string Family, long Params, ImmutableArray<long> InputShape, string? Note);
