using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// The service account controller: every active namespace gets a <c>default</c> ServiceAccount (recreated if deleted),
/// as on a real cluster. Since Kubernetes 1.24 no token Secret is created for it, so its <c>secrets</c> list stays empty.
/// </summary>
internal sealed class ServiceAccountController(ObjectStore store)
{
    private const string DefaultName = "default";

    public void Reconcile()
    {
        foreach (var ns in store.List(ResourceTypes.Namespaces, null).Items.Where(n => !ObjectRefs.IsDeleting(n)))
        {
            var name = ObjectRefs.Name(ns);
            if (store.Get(ResourceTypes.ServiceAccounts, name, DefaultName) is not null)
            {
                continue;
            }

            try
            {
                store.Create(ResourceTypes.ServiceAccounts, new JsonObject
                {
                    ["kind"] = "ServiceAccount",
                    ["apiVersion"] = "v1",
                    ["metadata"] = new JsonObject { ["name"] = DefaultName, ["namespace"] = name },
                });
            }
            catch (ApiError error) when (error.Code == 409)
            {
                // created meanwhile
            }
        }
    }
}
