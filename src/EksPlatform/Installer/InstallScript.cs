using System.Text;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Installer;

/// <summary>
/// The <c>install.sh</c> of the <c>controllers</c> output: pinned <c>helm upgrade --install</c> per controller, each step
/// safe to run again. It checks the Helm release it runs with, updates only its own chart repositories (a plain
/// <c>helm repo update</c> stops on any broken repository the user has configured) and pulls OCI charts by reference, and replaces the StorageClass
/// when the EBS key changed, because a StorageClass cannot be updated once created (Kubernetes documentation, Storage
/// Classes: https://kubernetes.io/docs/concepts/storage/storage-classes/). Helm's repo update by name: helm/helm v3.7.0+.
/// </summary>
internal static class InstallScript
{
    /// <summary>How long <c>helm upgrade --install --wait</c> may wait for a release to become ready.</summary>
    public const string HelmTimeout = "10m";

    /// <param name="settings">The platform settings.</param>
    /// <param name="enabled">The enabled controllers.</param>
    /// <param name="ebsKeyArn">The EBS key of the StorageClass, or null when the EBS CSI driver is off.</param>
    /// <param name="manifests">The manifests of a controller, applied after its chart.</param>
    /// <param name="platformManifests">File names of manifests that belong to no chart (Auto Mode's NodeClass and NodePool), applied
    /// after the StorageClass and before the charts.</param>
    public static string Render(
        PlatformSettings settings, IReadOnlyList<Controller> enabled, string? ebsKeyArn, Func<Controller, IReadOnlyList<KubernetesManifest>> manifests,
        IReadOnlyList<string>? platformManifests = null)
    {
        var charts = enabled.Where(c => c.Chart is not null).ToList();
        // OCI charts (pulled straight from a registry, no repository) need Helm 3.8, where OCI support left its feature gate
        // (helm/helm v3.8.0; docs/karpenter.md §8); repository charts need 3.7 for `helm repo update NAME...`.
        var oci = charts.Any(c => c.Chart!.IsOci);
        var minimum = oci ? "3.8" : "3.7";
        var versionPattern = oci ? "v3.[8-9].*|v3.[1-9][0-9].*|v4.*" : "v3.[7-9].*|v3.[1-9][0-9].*|v4.*";
        var versionReason = oci
            ? "OCI charts need Helm 3.8 or later and `helm repo update NAME...` 3.7 or later; Helm 4 keeps both."
            : "`helm repo update NAME...` needs Helm 3.7 or later; Helm 4 keeps it.";
        var script = new StringBuilder();
        script.Append($$"""
            #!/usr/bin/env bash
            # Installs the in-cluster controllers of {{settings.StackName}} (cluster {{settings.Cluster.Name}}, {{settings.Region.Name}})
            # from pinned Helm charts.
            # Rendered by `eks-platform controllers`: re-render instead of editing. Needs Helm 3.7 or later (or Helm 4) and kubectl,
            # with the cluster in
            # your kubeconfig as a cluster admin, e.g. with the stack output KubeconfigCommand:
            #   aws eks update-kubeconfig --region {{settings.Region.Name}} --name {{settings.Cluster.Name}} --role-arn <AdminRoleArn>
            set -euo pipefail
            cd "$(dirname "$0")"

            # Role ARNs and the VPC id come from the deployed stack; refuse to install placeholders.
            if grep -l -- '{{ChartValuesRenderer.PlaceholderHint}}' *.yaml >&2; then
              echo "error: the files above still hold placeholders: {{ChartValuesRenderer.PlaceholderHint}}" >&2
              exit 1
            fi

            # {{versionReason}}
            helm_version=$(helm version --template '{.Version}')
            case "$helm_version" in
              {{versionPattern}}) ;;
              *) echo "error: Helm $helm_version is not supported: install Helm {{minimum}} or later, or Helm 4" >&2; exit 1 ;;
            esac

            """);
        if (ebsKeyArn is not null)
        {
            var name = ChartValuesRenderer.StorageClassName;
            script.Append($$"""

                # Encrypted gp3 default StorageClass (the EBS CSI driver itself is an EKS managed add-on of the stack).
                # Its parameters cannot change in place: when the EBS key changed, the class is replaced. Volumes made
                # before keep the key they were encrypted with; new volumes use the new one.
                ebs_key='{{ebsKeyArn}}'
                current_key=$(kubectl get storageclass {{name}} -o jsonpath='{.parameters.kmsKeyId}' --ignore-not-found)
                if [ -n "$current_key" ] && [ "$current_key" != "$ebs_key" ]; then
                  echo "StorageClass {{name}} uses key $current_key; replacing it to use $ebs_key (existing volumes keep their key)" >&2
                  kubectl delete storageclass {{name}}
                fi

                """);
            if (settings.Compute.IsAutoMode)
            {
                // A class of the EBS CSI add-on left from managed node groups has another provisioner, which cannot change in place.
                var provisioner = AutoModeManifests.StorageProvisioner;
                script.Append($$"""
                    current_provisioner=$(kubectl get storageclass {{name}} -o jsonpath='{.provisioner}' --ignore-not-found)
                    if [ -n "$current_provisioner" ] && [ "$current_provisioner" != "{{provisioner}}" ]; then
                      echo "StorageClass {{name}} uses $current_provisioner; replacing it for EKS Auto Mode ({{provisioner}})" >&2
                      kubectl delete storageclass {{name}}
                    fi

                    """);
            }

            script.Append($"kubectl apply -f {ChartValuesRenderer.StorageClassFileName}\n");
        }

        if (platformManifests is { Count: > 0 })
        {
            script.Append("\n# Platform objects that belong to no chart (their CRDs are EKS Auto Mode's own).\n");
            foreach (var file in platformManifests)
            {
                script.Append($"kubectl apply -f {file}\n");
            }
        }

        // OCI charts are pulled from their registry by reference: no repository to add or update.
        var repositories = charts.Select(c => c.Chart!).Where(c => !c.IsOci).DistinctBy(c => c.RepositoryName).ToList();
        if (repositories.Count > 0)
        {
            script.Append('\n');
            foreach (var chart in repositories)
            {
                script.Append($"helm repo add {chart.RepositoryName} {chart.RepositoryUrl} --force-update\n");
            }

            // Only the repositories this script added: an unrelated broken repository must not stop the install.
            script.Append($"helm repo update {string.Join(' ', repositories.Select(c => c.RepositoryName))}\n");
        }

        foreach (var controller in charts)
        {
            var chart = controller.Chart!;
            script.Append('\n');
            script.Append(controller.InstallNote(settings));
            script.Append($"helm upgrade --install {chart.ReleaseName} {chart.Reference} --version {chart.Version} ")
                .Append($"--namespace {controller.ServiceAccount.Namespace} --create-namespace ")
                .Append($"-f {ChartValuesRenderer.ValuesFileName(controller)} --wait --timeout {HelmTimeout}\n");
            foreach (var manifest in manifests(controller))
            {
                script.Append($"kubectl apply -f {ChartValuesRenderer.ManifestFileName(controller, manifest)}\n");
            }
        }

        return script.ToString();
    }
}
