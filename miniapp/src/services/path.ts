/** Fills the `:name` parts of a route from the shared contracts: `/api/members/:id` → `/api/members/m1`. */
export function pathOf(route: string, params: Record<string, string>): string {
  return route.replace(/:([A-Za-z]+)/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing route parameter ${name} for ${route}`);
    return encodeURIComponent(value);
  });
}
