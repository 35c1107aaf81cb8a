namespace BreachNotify.SubprocessorChanges;

/// <summary>Why a command was refused, as the HTTP edge maps it (400, 400, 404, 409).</summary>
public enum RefusalKind
{
    /// <summary>The command's input is wrong; <see cref="ChangeRefusal.Field"/> names the field.</summary>
    Invalid,

    /// <summary>The effective time leaves some concerned customers less notice than their contracts give.</summary>
    TooLittleNotice,

    /// <summary>No such change, or no such customer on it.</summary>
    NotFound,

    /// <summary>The change's state does not allow it (already decided, window closed).</summary>
    Conflict,
}
