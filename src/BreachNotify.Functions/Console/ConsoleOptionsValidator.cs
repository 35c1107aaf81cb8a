using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>Generated from the annotations on <see cref="ConsoleOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>;
