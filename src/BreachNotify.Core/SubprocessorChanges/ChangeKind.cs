namespace BreachNotify.SubprocessorChanges;

/// <summary>What a sub-processor change does to the list.</summary>
public enum ChangeKind
{
    Add,
    Replace,
    Remove,
}
