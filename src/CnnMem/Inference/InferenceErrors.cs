using System.Text;
using CnnMem.Graphs;

namespace CnnMem.Inference;

/// <summary>
/// The nodes shape inference could not infer, collected over the whole walk (as ONNX's own inference does) so one run
/// names every problem in a file.
/// 1. A node whose rule fails is an error; its outputs are failed.
/// 2. A node reading a failed output is not inferred at all (its rule would only repeat the cause upstream): it is
///    counted, not reported, and its outputs are failed in turn.
/// 3. At the end one error throws exactly as it always did (its message, its cause); several throw one
///    <see cref="CnnMemException"/> listing the first <see cref="Listed"/> and how many more, and how many later nodes
///    could not be inferred because of them. Its inner exception is an <see cref="AggregateException"/> of each error's own.
/// </summary>
internal sealed class InferenceErrors
{
    /// <summary>How many errors a message lists before it says how many more there are.</summary>
    public const int Listed = 20;

    private readonly List<NodeError> _errors = [];
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    public IReadOnlyList<NodeError> Errors => _errors;

    /// <summary>Nodes not inferred because they read a failed output.</summary>
    public int Downstream { get; private set; }

    /// <summary>Whether the node reads an output of a node that failed or was not inferred.</summary>
    public bool ReadsFailed(Node node)
    {
        if (_failed.Count == 0)
        {
            return false;
        }
        foreach (var input in node.Inputs)
        {
            if (_failed.Contains(input))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Records a node whose rule failed.</summary>
    public void Fail(Node node, string message, Exception? cause = null)
    {
        _errors.Add(new NodeError(node, message, cause));
        MarkFailed(node);
    }

    /// <summary>Records a node left out because it reads a failed output.</summary>
    public void Skip(Node node)
    {
        Downstream++;
        MarkFailed(node);
    }

    public void ThrowIfAny()
    {
        switch (_errors.Count)
        {
            case 0:
                return;
            case 1:
                throw _errors[0].ToException();
            default:
                throw new CnnMemException(Message(), new AggregateException(_errors.Select(e => e.ToException())));
        }
    }

    private void MarkFailed(Node node)
    {
        foreach (var output in node.Outputs)
        {
            if (output.Length > 0)
            {
                _failed.Add(output);
            }
        }
    }

    private string Message()
    {
        var unit = _errors.All(e => e.Node.Source is not null) ? "layer" : "node";
        var text = new StringBuilder($"shape inference failed at {_errors.Count} {unit}s:");
        foreach (var e in _errors.Take(Listed))
        {
            text.Append("\n  ").Append(e.Message);
        }
        if (_errors.Count > Listed)
        {
            text.Append($"\n  ... and {_errors.Count - Listed} more");
        }
        if (Downstream > 0)
        {
            text.Append(Downstream == 1
                ? $"\n1 more {unit} could not be inferred because it depends on them"
                : $"\n{Downstream} more {unit}s could not be inferred because they depend on them");
        }
        return text.ToString();
    }
}
