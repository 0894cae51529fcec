import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";
import { getDeskSettings } from "@/lib/recheck/desk-settings";
import { listUsers } from "@/lib/users/list-users";
import { DeskSettingsForm } from "./desk-settings-form";
import { CreateUserForm, UserRowControls } from "./user-forms";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const actor = await getCurrentActor();
  const users = await pageData(() => listUsers(actor)); // 403 page for non-admins
  const settings = await pageData(() => getDeskSettings(actor));
  return (
    <div className="page">
      <div className="toolbar">
        <h1 style={{ marginRight: "auto" }}>Users</h1>
        <Link href="/admin/audit">Audit log</Link>
        <Link href="/admin/jobs">Background jobs</Link>
        <Link href="/admin/webhooks">Webhooks</Link>
      </div>
      <table className="table">
        <caption className="sr-only">Users of the desk</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-email={u.email}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{u.disabled ? "Disabled" : "Active"}</td>
              <td>
                <UserRowControls user={u} isSelf={u.id === actor?.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <CreateUserForm />
      <h2>Re-check periods</h2>
      <DeskSettingsForm settings={settings} />
    </div>
  );
}
