using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Vybe.Web.History;

/// <summary>
/// Binds a page handler's <see cref="HistoryOwner"/> parameter to the visitor making the request
/// (<see cref="VisitorHistory.Current"/>), so that every page resolves whose history it shows in
/// the same way, and never from anything the request sends.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromVisitorAttribute() : ModelBinderAttribute(typeof(VisitorBinder))
{
    private sealed class VisitorBinder(VisitorHistory visitors) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            bindingContext.Result = ModelBindingResult.Success(visitors.Current(bindingContext.HttpContext));
            return Task.CompletedTask;
        }
    }
}
