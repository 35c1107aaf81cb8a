using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Workflow;

/// <summary>Generated from the annotations on <see cref="WorkflowOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>;
