# Every policy that backs up a given server, across all pages of the list.
data "polybackup_csbs_policies" "for_server" {
  resource_id = "3c2f0a4e-0b4d-4f5e-9a7b-1c2d3e4f5a6b"
}

output "policies_for_server" {
  value = data.polybackup_csbs_policies.for_server.ids
}
